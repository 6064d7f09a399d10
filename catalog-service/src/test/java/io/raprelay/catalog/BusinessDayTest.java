package io.raprelay.catalog;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.raprelay.catalog.ingest.EventStore;
import io.raprelay.catalog.ingest.IncomingEvent;
import io.raprelay.catalog.schedule.BusinessDayCheck;
import io.raprelay.catalog.support.CatalogSetup;
import io.raprelay.catalog.support.TopicReader;
import io.raprelay.contracts.BusinessDayComplete;
import io.raprelay.contracts.BusinessDayIncomplete;
import io.raprelay.contracts.BusinessDayReport;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentre;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.ReportArrived;
import io.raprelay.contracts.SourceSystem;
import io.raprelay.contracts.Topics;
import io.raprelay.testing.kafka.InjectKafka;
import io.raprelay.testing.kafka.KafkaTestResource;
import io.raprelay.testing.oidc.TestTokens;
import io.restassured.http.ContentType;

/**
 * A business day (Tuesday 6 March 2029) under a schedule of its own: HKSCC's two statements of participant B01234 and
 * its common RPF01 arrive (two groups complete), HKCC's DCSIM01 of C00001 does not by its cut-off (incomplete), then
 * a statement is re-issued (amended) and DCSIM01 arrives late (complete). Each is published once, as recorded. (The
 * days before it follow the shipped schedule and hold nothing: the one within the overdue lookback is announced
 * incomplete at the first check, the older ones not at all.)
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(CatalogSetup.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
class BusinessDayTest {

    private static final ZoneId HK = ZoneId.of("Asia/Hong_Kong");
    private static final LocalDate DAY = LocalDate.of(2029, 3, 6);

    @Inject
    EventStore store;
    @Inject
    BusinessDayCheck check;
    @InjectKafka
    String bootstrapServers;

    @Test
    void eachGroupOfADayIsAnnouncedCompleteOnceIncompleteAtItsCutOffAndAmendedByAReissue() {
        given().auth().oauth2(TestTokens.of("alice", "operator")).contentType(ContentType.JSON).body("""
                {"effectiveFrom": "2029-03-06", "reason": "business-day test",
                 "expected": [
                   {"clearingHouse": "HKSCC", "sourceSystem": "CCASS", "reportCode": "CCLTN05", "participant": "B01234",
                    "deadlineTime": "19:00", "deadlineBusinessDays": 0, "onHalfDays": true},
                   {"clearingHouse": "HKSCC", "sourceSystem": "CCASS", "reportCode": "CSEMS08", "participant": "B01234",
                    "deadlineTime": "09:00", "deadlineBusinessDays": 0, "onHalfDays": true},
                   {"clearingHouse": "HKSCC", "sourceSystem": "VAR", "reportCode": "RPF01",
                    "deadlineTime": "21:30", "deadlineBusinessDays": 0, "onHalfDays": true},
                   {"clearingHouse": "HKCC", "sourceSystem": "DCASS", "reportCode": "DCSIM01", "participant": "C00001",
                    "deadlineTime": "20:00", "deadlineBusinessDays": 0, "onHalfDays": true}]}""")
                .when().post("/api/schedule").then().statusCode(201);

        ReportArrived statement = arrival(ClearingHouse.HKSCC, "CCLTN05", "B01234", "18:50", "a", 0);
        ReportArrived summary = arrival(ClearingHouse.HKSCC, "CSEMS08", "B01234", "08:40", "b", 1);
        ReportArrived rpf = arrival(ClearingHouse.HKSCC, "RPF01", null, "21:25", "c", 2);
        // a practice download of the missing report never counts
        ReportArrived practice = arrival(ClearingHouse.HKCC, "DCSIM01", "C00001", "19:00", "d", 3, true);
        store.apply(List.of(incoming(statement, 0), incoming(summary, 1), incoming(practice, 3)));

        // 21:20: B01234's statements are all in; the common RPF01 is not yet (before its deadline); HKCC's cut-off
        // passed
        List<RapEvent> all = check.check(at("21:20"));
        assertThat(all).as("the day before is within the overdue lookback (1 business day), older ones not")
                .filteredOn(e -> !dayEvents(List.of(e)).isEmpty() || e instanceof BusinessDayIncomplete i
                        && i.businessDate().equals(DAY.minusDays(1)))
                .hasSameSizeAs(all);
        List<RapEvent> first = dayEvents(all);
        assertThat(first).hasSize(2);
        BusinessDayComplete b01234 = (BusinessDayComplete) first.stream()
                .filter(e -> e instanceof BusinessDayComplete).findFirst().orElseThrow();
        assertThat(b01234.clearingHouse()).isEqualTo(ClearingHouse.HKSCC);
        assertThat(b01234.participant()).isEqualTo("B01234");
        assertThat(b01234.businessDate()).isEqualTo(DAY);
        assertThat(b01234.revision()).isEqualTo(1);
        assertThat(b01234.amends()).isNull();
        assertThat(b01234.reports()).extracting(BusinessDayReport::reportKey, BusinessDayReport::reportId,
                BusinessDayReport::version, BusinessDayReport::sha256)
                .containsExactly(tuple(statement.reportKey(), statement.reportId(), 1, statement.sha256()),
                        tuple(summary.reportKey(), summary.reportId(), 1, summary.sha256()));
        assertThat(b01234.kafkaKey()).isEqualTo("HKSCC/2029-03-06/B01234");
        BusinessDayIncomplete hkcc = (BusinessDayIncomplete) first.stream()
                .filter(e -> e instanceof BusinessDayIncomplete).findFirst().orElseThrow();
        assertThat(hkcc.clearingHouse()).isEqualTo(ClearingHouse.HKCC);
        assertThat(hkcc.participant()).isEqualTo("C00001");
        assertThat(hkcc.cutOff()).isEqualTo(at("20:00"));
        assertThat(hkcc.missing()).extracting(BusinessDayIncomplete.Missing::reportCode,
                BusinessDayIncomplete.Missing::deadline).containsExactly(tuple("DCSIM01", at("20:00")));
        assertThat(hkcc.received()).isEmpty();

        assertThat(check.check(at("21:21"))).as("nothing new: nothing published again").isEmpty();

        // The common RPF01 arrived (its group: no participant); B01234's statement is re-issued
        ReportArrived reissued = arrival(ClearingHouse.HKSCC, "CCLTN05", "B01234", "22:05", "e", 0);
        store.apply(List.of(incoming(rpf, 2), incoming(reissued, 4)));
        List<RapEvent> second = dayEvents(check.check(at("22:10")));
        assertThat(second).hasSize(2).allMatch(e -> e instanceof BusinessDayComplete);
        BusinessDayComplete common = complete(second, null);
        assertThat(common.revision()).isEqualTo(1);
        assertThat(common.kafkaKey()).isEqualTo("HKSCC/2029-03-06");
        assertThat(common.reports()).extracting(BusinessDayReport::reportKey).containsExactly(rpf.reportKey());
        BusinessDayComplete amended = complete(second, "B01234");
        assertThat(amended.revision()).isEqualTo(2);
        assertThat(amended.amends()).isEqualTo(b01234.eventId());
        assertThat(amended.eventId()).isNotEqualTo(b01234.eventId());
        assertThat(amended.reports()).extracting(BusinessDayReport::reportKey, BusinessDayReport::reportId,
                BusinessDayReport::version, BusinessDayReport::sha256)
                .containsExactly(tuple(statement.reportKey(), reissued.reportId(), 2, reissued.sha256()),
                        tuple(summary.reportKey(), summary.reportId(), 1, summary.sha256()));

        // HKCC's report arrives late: complete after its incomplete
        ReportArrived late = arrival(ClearingHouse.HKCC, "DCSIM01", "C00001", "23:00", "f", 5);
        store.apply(List.of(incoming(late, 5)));
        List<RapEvent> third = dayEvents(check.check(at("23:01")));
        assertThat(third).singleElement().isInstanceOf(BusinessDayComplete.class);
        assertThat(complete(third, "C00001").reports()).extracting(BusinessDayReport::reportId)
                .containsExactly(late.reportId());
        assertThat(check.check(at("23:30"))).isEmpty();

        // Downstream sees exactly what was published, once each, in order per key
        List<RapEvent> published = TopicReader.read(bootstrapServers, Topics.BUSINESS_DAYS,
                events -> dayEvents(events).size() >= 5, Duration.ofSeconds(2));
        assertThat(dayEvents(published)).extracting(RapEvent::eventId).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.of(first, second, third).flatMap(List::stream).map(RapEvent::eventId)
                        .toList());
    }

    private static List<RapEvent> dayEvents(List<RapEvent> events) {
        return events.stream().filter(e -> e instanceof BusinessDayComplete c && c.businessDate().equals(DAY)
                || e instanceof BusinessDayIncomplete i && i.businessDate().equals(DAY)).toList();
    }

    private static BusinessDayComplete complete(List<RapEvent> events, String participant) {
        return events.stream().filter(e -> e instanceof BusinessDayComplete c
                && java.util.Objects.equals(c.participant(), participant)).map(BusinessDayComplete.class::cast)
                .findFirst().orElseThrow();
    }

    private static Instant at(String hongKongTime) {
        return LocalDateTime.of(DAY, LocalTime.parse(hongKongTime)).atZone(HK).toInstant();
    }

    private static IncomingEvent incoming(ReportArrived event, long offset) {
        return new IncomingEvent(event, Topics.REPORTS, 0, 5_000 + offset);
    }

    private static ReportArrived arrival(ClearingHouse house, String code, String participant, String fetchedAt,
            String content, int file) {
        return arrival(house, code, participant, fetchedAt, content, file, false);
    }

    /** A report of {@link #DAY}; {@code content} makes its checksum (and reportId: another version). */
    private static ReportArrived arrival(ClearingHouse house, String code, String participant, String fetchedAt,
            String content, int file, boolean practice) {
        String date = DAY.toString().replace("-", "");
        String account = house == ClearingHouse.HKSCC ? "rapb01234" : "raphkcc01";
        String remotePath = (participant == null ? "COMMON/" : "INBOX/") + date + "/" + code + "_"
                + (participant == null ? "ALL" : participant) + "_" + date + ".txt";
        String key = (practice ? "practice/2029-03-06-drill/" : "") + house + "/" + account + "/" + remotePath;
        String reportId = "r-" + UUID.nameUUIDFromBytes((key + content).getBytes(StandardCharsets.UTF_8));
        Instant fetched = at(fetchedAt);
        return new ReportArrived(UUID.nameUUIDFromBytes(reportId.getBytes(StandardCharsets.UTF_8)).toString(),
                reportId, key, house, house == ClearingHouse.HKSCC ? SourceSystem.CCASS : SourceSystem.DCASS, code,
                participant, DAY, remotePath.substring(remotePath.lastIndexOf('/') + 1), remotePath, 100 + file,
                content.repeat(64), fetched.minusSeconds(30), fetched,
                house == ClearingHouse.HKSCC ? Installation.HKSCC : Installation.HKCC_SEOCH, account,
                DataCentre.PRIMARY, "10.243.2.141:18801", "file:///var/lib/rap-relay/archive/" + key, "text/plain",
                practice, practice ? "2029-03-06-drill" : null);
    }
}
