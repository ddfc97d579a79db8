package io.upshift.executor.campaign.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.upshift.executor.campaign.domain.CampaignSignal;
import io.upshift.messages.CampaignEventType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CampaignEventsReaderTest {

    @ParameterizedTest
    @CsvSource({
        "HALTED, HALTED", "WAVE_HALTED, HALTED", "CANCELED, CANCELED", "RESUMED, RESUMED", "STARTED, RESUMED",
        "ORG_REMOVED, ORG_REMOVED",
        "SCHEDULED, NONE", "PAUSED, NONE", "WAVE_STARTED, NONE", "WAVE_PASSED, NONE",
        "WAVE_AWAITING_APPROVAL, NONE", "COMPLETED, NONE", "UNKNOWN, NONE"})
    void readsWhatEachEventTypeMeansForCommandsInFlight(CampaignEventType type, CampaignSignal signal) {
        assertThat(CampaignEventsReader.signalOf(type)).isEqualTo(signal);
    }
}
