package uk.nhs.impact.system;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running stack for every test class, started with the README's one command: first those that only call the API (access matrix,
 * bad input, OpenAPI lint, …), then the fault tests, which kill or stop a part and start it again themselves (each
 * leaves every part running when it ends), so the system is started once for all of them instead of once each. It is
 * started by the first of them and stopped, with the parts the fault tests started again and the same check that no
 * process or port is left behind, when the test run ends, or earlier when a class that needs a stack of its own starts
 * one. It runs two instances of every service ({@link InstancesIT} kills one of each, last). Gateway rate limits are
 * lifted: these classes send thousands of requests from a few identities.
 */
final class SharedStack implements BeforeAllCallback {
    /** Two instances of every service, as a deployment runs them: every class runs against that. */
    static final List<String> INSTANCES = List.of("--instances", "2");
    private static RunningStack running;

    @Override
    public void beforeAll(ExtensionContext context) {
        // closed by JUnit at the end of the run; a failure there fails the build like any test
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedStack.class, key -> (AutoCloseable) SharedStack::stop, AutoCloseable.class);
    }

    /** The shared stack, started on first use. */
    static synchronized RunningStack stack() throws IOException, InterruptedException {
        if (running == null) {
            java.util.Map<String, String> environment = new java.util.HashMap<>(RunningStack.LIFTED_RATE_LIMITS);
            environment.putAll(RunningStack.TRACING_ON_REQUEST);
            running = new RunningStack(environment, INSTANCES).start();
        }
        return running;
    }

    /** Stops the shared stack if it runs, and fails if anything is still running afterwards. */
    static synchronized void stop() throws IOException, InterruptedException {
        if (running == null) {
            return;
        }
        RunningStack stack = running;
        running = null;
        List<String> leftovers = stack.stopAndListLeftovers(Processes.takeRestarted());
        if (!leftovers.isEmpty()) {
            throw new IllegalStateException("still running after ./stack.sh stop of the shared stack: " + leftovers);
        }
    }
}
