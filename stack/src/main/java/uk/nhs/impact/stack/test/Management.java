package uk.nhs.impact.stack.test;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Where the application under a {@code @QuarkusTest} serves its management interface (health, metrics, its own OpenAPI
 * document): its own port ({@code quarkus.management.test-port=0} picks a free one), never the public port.
 */
public final class Management {
    private Management() {
    }

    /** {@code http://host:port} of the management interface, e.g. for {@code given().baseUri(Management.baseUri())}. */
    public static String baseUri() {
        String url = ConfigProvider.getConfig().getValue("test.management.url", String.class); // http://host:port/q
        int root = url.indexOf('/', url.indexOf("://") + 3);
        return root < 0 ? url : url.substring(0, root);
    }
}
