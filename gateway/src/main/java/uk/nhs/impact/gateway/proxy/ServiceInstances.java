package uk.nhs.impact.gateway.proxy;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances of one service and which of them are ready. Requests go round the ready ones in turn; when none is known to
 * be ready (all down, or none probed yet) they go round all of them, so a service with one instance is always tried.
 */
public final class ServiceInstances {
    /** One instance: where its API is, where its management interface is, and whether it last said it was ready. */
    public static final class Instance {
        private final URI base;
        private final URI management;
        private volatile boolean ready = true;

        Instance(URI base, URI management) {
            this.base = base;
            this.management = management;
        }

        public URI base() {
            return base;
        }

        /** Its management interface (readiness, OpenAPI document), or null when none is configured. */
        public URI management() {
            return management;
        }

        public boolean ready() {
            return ready;
        }

        void ready(boolean ready) {
            this.ready = ready;
        }

        @Override
        public String toString() {
            return base.getHost() + ":" + base.getPort();
        }
    }

    private final String service;
    private final List<Instance> instances;
    private final AtomicInteger turn = new AtomicInteger();

    private ServiceInstances(String service, List<Instance> instances) {
        this.service = service;
        this.instances = List.copyOf(instances);
    }

    /**
     * From the configured lists: {@code urls} and {@code managementUrls} comma-separated, in the same order (the n-th
     * management interface is the n-th instance's); {@code managementUrls} may be blank (no management interface).
     */
    public static ServiceInstances parse(String service, String urls, String managementUrls) {
        List<String> bases = split(urls);
        List<String> managements = split(managementUrls == null ? "" : managementUrls);
        if (bases.isEmpty()) {
            throw new IllegalArgumentException("impact.gateway.services." + service + " names no instance");
        }
        if (!managements.isEmpty() && managements.size() != bases.size()) {
            throw new IllegalArgumentException("impact.gateway.management." + service + " lists " + managements.size()
                    + " management interfaces for " + bases.size() + " instances; list one per instance, in the same order");
        }
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < bases.size(); i++) {
            instances.add(new Instance(URI.create(bases.get(i)), managements.isEmpty() ? null : URI.create(managements.get(i))));
        }
        return new ServiceInstances(service, instances);
    }

    private static List<String> split(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public String service() {
        return service;
    }

    public List<Instance> all() {
        return instances;
    }

    /** The next instance in turn among the ready ones not in {@code tried}; else among all not tried; null when all were. */
    public Instance next(Set<Instance> tried) {
        Instance any = null;
        int start = Math.floorMod(turn.getAndIncrement(), instances.size());
        for (int i = 0; i < instances.size(); i++) {
            Instance candidate = instances.get((start + i) % instances.size());
            if (tried.contains(candidate)) {
                continue;
            }
            if (candidate.ready()) {
                return candidate;
            }
            if (any == null) {
                any = candidate;
            }
        }
        return any;
    }

    /** How many instances last said they were ready. */
    public long readyCount() {
        return instances.stream().filter(Instance::ready).count();
    }
}
