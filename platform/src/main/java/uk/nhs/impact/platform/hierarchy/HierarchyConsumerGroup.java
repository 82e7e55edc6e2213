package uk.nhs.impact.platform.hierarchy;

import io.smallrye.reactive.messaging.ClientCustomizer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.config.Config;

/**
 * Gives the hierarchy consumer a consumer group of this instance's own: every instance must read every change set, which
 * instances of one service sharing a group would split between them. A configuration value cannot do it, as it would be
 * fixed when the service is built.
 */
@ApplicationScoped
public class HierarchyConsumerGroup implements ClientCustomizer<Map<String, Object>> {
    private final String instance = UUID.randomUUID().toString();

    @Override
    public Map<String, Object> customize(String channel, Config channelConfig, Map<String, Object> config) {
        if (HierarchyEventsConsumer.CHANNEL.equals(channel)) {
            config.put("group.id", config.getOrDefault("group.id", "hierarchy") + "-" + instance);
        }
        return config;
    }
}
