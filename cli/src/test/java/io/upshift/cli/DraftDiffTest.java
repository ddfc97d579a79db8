package io.upshift.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DraftDiffTest {

    static CampaignDefinition parse(String yaml) {
        return CampaignFile.parse("test", CampaignFileTest.MINIMAL + yaml);
    }

    /** The stored definition as the planner answers it: every default written out, 18-character ids. */
    static final String STORED = """
            {"name":"Acme 4.2.1","packageId":"033Up0000000001AAA","targetVersion":"4.2.1",
             "selection":{"orgTypes":[],"instances":[],"installedVersion":null,"orgIds":["00DUp0000000002AAA","00DUp0000000001AAA"],
               "excludedOrgIds":[],"timeZones":[]},
             "strategy":{"sandboxesFirst":false,"canary":{"count":null,"percent":5.0},"ramp":{"type":"DOUBLING","percentages":[]},
               "approvalRequired":false,"minimumWaveDuration":"PT0S"},
             "schedule":{"earliestStart":null,"noticePeriod":"PT72H","respectMaintenanceWindows":true,"blackouts":[],
               "deadline":null,"campaignWindow":null,"urgency":null},
             "pacing":{"maxCommandsPerMinute":null,"maxInFlight":null,"maxInFlightPerInstance":null,
               "maxCommandsPerMinutePerInstance":null,"expectedUpgradeDuration":"PT10M"},
             "gate":{"failureThresholdPercent":5,"minimumFinished":10,"countedStatuses":["TIMED_OUT","FAILED"]},
             "orgTimeout":"PT4H","supportContact":null,"createdBy":"ops"}""";

    static CampaignDefinition stored() {
        return CampaignFile.LENIENT.readValue(STORED, CampaignDefinition.class);
    }

    @Test
    void aFileThatLeavesDefaultsOutAndUses15CharacterIdsIsNoChange() {
        CampaignDefinition file = parse("""
                selection: {orgIds: [00DUp0000000001, 00DUp0000000002]}
                strategy: {canary: {percent: 5}, ramp: {type: DOUBLING}}
                """);

        assertThat(DraftDiff.diff(file, stored())).isEmpty();
    }

    @Test
    void aFileThatWritesTheDefaultsOutIsNoChangeEither() {
        CampaignDefinition file = parse("""
                selection: {orgIds: [00DUp0000000002AAA, 00DUp0000000001AAA], orgTypes: []}
                strategy: {sandboxesFirst: false, canary: {percent: 5.00}, ramp: {type: DOUBLING}, minimumWaveDuration: PT0S}
                schedule: {noticePeriod: P3D, respectMaintenanceWindows: true}
                gate: {failureThresholdPercent: 5.0, minimumFinished: 10, countedStatuses: [FAILED, TIMED_OUT]}
                orgTimeout: PT4H
                pacing: {expectedUpgradeDuration: PT10M}
                """);

        assertThat(DraftDiff.diff(file, stored())).isEmpty();
    }

    @Test
    void eachChangedFieldIsListedWithBothValues() {
        CampaignDefinition file = parse("""
                selection: {orgIds: [00DUp0000000001, 00DUp0000000003, 00DUp0000000004]}
                strategy: {canary: {percent: 10}, ramp: {type: DOUBLING}}
                schedule: {noticePeriod: PT48H, deadline: 2026-12-09T06:00:00Z}
                gate: {failureThresholdPercent: 5, minimumFinished: 20}
                """);

        assertThat(DraftDiff.diff(file, stored())).extracting(Object::toString).containsExactlyInAnyOrder(
                "selection.orgIds: 2 ids → 3 ids (+2 −1)",
                "strategy.canary.percent: 5 → 10",
                "schedule.noticePeriod: PT72H → PT48H",
                "schedule.deadline: (none) → 2026-12-09T06:00:00Z",
                "gate.minimumFinished: 10 → 20");
    }

    @Test
    void a15CharacterIdGetsTheChecksumSalesforceGivesIt() {
        // known pairs: Salesforce's own 15- and 18-character forms
        assertThat(SalesforceIds.to18("00D000000000062")).isEqualTo("00D000000000062EAA");
        assertThat(SalesforceIds.to18("001A0000006Vm9r")).isEqualTo("001A0000006Vm9rIAC");
        assertThat(SalesforceIds.to18("001A0000006Vm9rIAC")).isEqualTo("001A0000006Vm9rIAC");
    }

    @Test
    void removingAFieldGoesBackToItsDefaultAndThatIsAChange() {
        CampaignDefinition file = parse("selection: {orgIds: [00DUp0000000001, 00DUp0000000002]}\n");

        assertThat(DraftDiff.diff(file, stored())).extracting(DraftDiff.Change::field)
                .containsExactlyInAnyOrder("strategy.canary", "strategy.ramp.type");
    }
}
