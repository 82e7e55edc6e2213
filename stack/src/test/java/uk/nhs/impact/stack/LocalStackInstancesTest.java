package uk.nhs.impact.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocalStackInstancesTest {
    @Test
    void runsOneInstanceOfEachServiceUnlessToldOtherwise() {
        assertThat(LocalStack.instances(List.of("/repo", "--no-build"))).isEqualTo(1);
        assertThat(LocalStack.instances(List.of("/repo", "--instances", "3", "--demo-data"))).isEqualTo(3);
    }

    @Test
    void refusesACountItCannotPlaceOnItsPorts() {
        for (List<String> args : List.of(List.of("--instances"), List.of("--instances", "0"), List.of("--instances", "10"),
                List.of("--instances", "two"))) {
            assertThatThrownBy(() -> LocalStack.instances(args)).as(args.toString()).hasMessage("--instances takes a number from 1 to 9");
        }
    }

    @Test
    void eachInstanceHasPortsOfItsOwnThatMeetNoOtherPart() {
        assertThat(LocalStack.port(8081, 1)).isEqualTo(8081);
        assertThat(LocalStack.port(8081, 2)).isEqualTo(8181);
        assertThat(LocalStack.port(9085, 9)).isEqualTo(9885);
        assertThat(LocalStack.instanceName("survey-service", 1)).isEqualTo("survey-service");
        assertThat(LocalStack.instanceName("survey-service", 2)).isEqualTo("survey-service-2");
        List<Integer> fixed = List.of(LocalStack.GATEWAY_PORT, LocalStack.GATEWAY_MANAGEMENT_PORT, LocalStack.PG_PORT, LocalStack.KAFKA_PORT,
                LocalStack.KAFKA_CONTROLLER_PORT, LocalStack.KEYCLOAK_PORT);
        java.util.Set<Integer> seen = new java.util.HashSet<>(fixed);
        for (int n = 1; n <= LocalStack.MAX_INSTANCES; n++) {
            for (String service : LocalStack.SERVICES.keySet()) {
                assertThat(seen.add(LocalStack.port(LocalStack.SERVICES.get(service), n))).as(service + " " + n).isTrue();
                assertThat(seen.add(LocalStack.port(LocalStack.MANAGEMENT.get(service), n))).as(service + " management " + n).isTrue();
            }
        }
    }
}
