package uk.nhs.impact.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceInstancesTest {
    private static final String URLS = "http://127.0.0.1:8081, http://127.0.0.1:8181,http://127.0.0.1:8281";
    private static final String MANAGEMENT = "http://127.0.0.1:9081,http://127.0.0.1:9181,http://127.0.0.1:9281";

    @Test
    void readsEachInstanceWithItsOwnManagementInterface() {
        ServiceInstances instances = ServiceInstances.parse("assessment", URLS, MANAGEMENT);
        assertThat(instances.all()).hasSize(3);
        assertThat(instances.all().get(1).base().getPort()).isEqualTo(8181);
        assertThat(instances.all().get(1).management().getPort()).isEqualTo(9181);
        assertThat(ServiceInstances.parse("assessment", "http://127.0.0.1:8081", null).all().get(0).management()).isNull();
    }

    @Test
    void refusesManagementInterfacesThatDoNotPairWithTheInstances() {
        assertThatThrownBy(() -> ServiceInstances.parse("assessment", URLS, "http://127.0.0.1:9081"))
                .hasMessageContaining("impact.gateway.management.assessment lists 1 management interfaces for 3 instances");
        assertThatThrownBy(() -> ServiceInstances.parse("assessment", " , ", null)).hasMessageContaining("names no instance");
    }

    @Test
    void goesRoundTheReadyInstancesInTurn() {
        ServiceInstances instances = ServiceInstances.parse("assessment", URLS, MANAGEMENT);
        Map<Integer, Integer> chosen = choose(instances, 300);
        assertThat(chosen).containsOnly(Map.entry(8081, 100), Map.entry(8181, 100), Map.entry(8281, 100));
    }

    @Test
    void sendsNothingToAnInstanceThatIsNotReady() {
        ServiceInstances instances = ServiceInstances.parse("assessment", URLS, MANAGEMENT);
        instances.all().get(1).ready(false);
        assertThat(instances.readyCount()).isEqualTo(2);
        assertThat(choose(instances, 100)).containsOnlyKeys(8081, 8281);
        instances.all().get(1).ready(true);
        assertThat(choose(instances, 99)).containsOnlyKeys(8081, 8181, 8281);
    }

    @Test
    void whenNoneIsReadyStillTriesThemAllInTurn() {
        ServiceInstances instances = ServiceInstances.parse("assessment", URLS, MANAGEMENT);
        instances.all().forEach(i -> i.ready(false));
        assertThat(choose(instances, 30)).containsOnly(Map.entry(8081, 10), Map.entry(8181, 10), Map.entry(8281, 10));
        ServiceInstances single = ServiceInstances.parse("survey", "http://127.0.0.1:8082", "http://127.0.0.1:9082");
        single.all().get(0).ready(false);
        assertThat(single.next(Set.of()).base().getPort()).isEqualTo(8082);
    }

    @Test
    void aRetryNeverReturnsToAnInstanceAlreadyTriedAndPrefersReadyOnes() {
        ServiceInstances instances = ServiceInstances.parse("assessment", URLS, MANAGEMENT);
        instances.all().get(2).ready(false);
        Set<ServiceInstances.Instance> tried = new HashSet<>();
        for (int i = 0; i < 3; i++) {
            tried.add(instances.next(tried));
        }
        assertThat(tried).hasSize(3);
        assertThat(instances.next(tried)).isNull();

        Set<ServiceInstances.Instance> first = new HashSet<>();
        first.add(instances.all().get(0));
        assertThat(instances.next(first).base().getPort()).as("the ready one before the one that is not").isEqualTo(8181);
    }

    private static Map<Integer, Integer> choose(ServiceInstances instances, int times) {
        Map<Integer, Integer> chosen = new HashMap<>();
        for (int i = 0; i < times; i++) {
            chosen.merge(instances.next(Set.of()).base().getPort(), 1, Integer::sum);
        }
        return chosen;
    }
}
