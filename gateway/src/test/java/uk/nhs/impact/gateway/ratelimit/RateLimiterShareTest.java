package uk.nhs.impact.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Several gateway instances each keep their share of the deployment's limits, so together they allow no more than it. */
class RateLimiterShareTest {
    @Test
    void twoInstancesBehindARoundRobinBalancerAllowTheConfiguredBurstAndNoMore() {
        List<RateLimiter> gateways = List.of(new RateLimiter(1, 100, 2), new RateLimiter(1, 100, 2));
        int allowed = 0;
        for (int i = 0; i < 300; i++) {
            if (gateways.get(i % 2).acquire("client-1").allowed()) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(100);
    }

    @Test
    void aClientWhoseRequestsAllReachOneInstanceGetsThatInstancesShare() {
        RateLimiter one = new RateLimiter(1, 100, 4);
        int allowed = 0;
        for (int i = 0; i < 300; i++) {
            if (one.acquire("client-1").allowed()) {
                allowed++;
            }
        }
        assertThat(allowed).isEqualTo(25);
        assertThat(one.acquire("client-1").limit()).isEqualTo(25);
    }

    @Test
    void theSustainedRateIsSharedToo() throws InterruptedException {
        // 2/s for the deployment, over 2 instances: each refills one request a second, not two
        RateLimiter one = new RateLimiter(2, 2, 2);
        assertThat(one.acquire("c").allowed()).isTrue();
        assertThat(one.acquire("c").allowed()).isFalse();
        Thread.sleep(650);
        assertThat(one.acquire("c").allowed()).as("0.65 s refills 0.65 of a request at the share, 1.3 at the whole rate").isFalse();
        Thread.sleep(450);
        assertThat(one.acquire("c").allowed()).as("1.1 s after the first").isTrue();
    }

    @Test
    void refusesAShareOfNoInstances() {
        assertThatThrownBy(() -> new RateLimiter(50, 100, 0)).hasMessageContaining("at least 1");
    }
}
