package dev.ratel.samples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SampleTariffsTest {
    @Test
    void shouldShipEverySeedPlanWithTheAgreedIds() {
        assertThat(SamplePlans.all().keySet()).containsExactlyInAnyOrder(
                "kense-15",
                "cloud-pbx-micro", "cloud-pbx-minimal", "cloud-pbx-basic", "cloud-pbx-standard", "cloud-pbx-professional",
                "prostoy-prosto", "prostoy-freephone-standard", "prostoy-profi", "prostoy-vip");
    }
}
