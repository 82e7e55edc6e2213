-- The trace context (W3C traceparent) of the request that wrote each event, so the event carries it to its consumers
-- (CloudEvents traceparent extension) however much later the relay publishes it; null when tracing is off.
alter table outbox_event add column traceparent text;
