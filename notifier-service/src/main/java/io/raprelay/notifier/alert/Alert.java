package io.raprelay.notifier.alert;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import io.raprelay.contracts.ArchiveAltered;
import io.raprelay.contracts.ArchiveRestored;
import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.DataCentreSwitched;
import io.raprelay.contracts.FailureReason;
import io.raprelay.contracts.FetchFailed;
import io.raprelay.contracts.FetchRecovered;
import io.raprelay.contracts.HostFailover;
import io.raprelay.contracts.HostKeyRejected;
import io.raprelay.contracts.HostRecovered;
import io.raprelay.contracts.Installation;
import io.raprelay.contracts.LoginCheckCompleted;
import io.raprelay.contracts.RapEvent;
import io.raprelay.contracts.RecordDeadLettered;
import io.raprelay.contracts.ReportOverdue;
import io.raprelay.contracts.ReportOverdueResolved;
import io.raprelay.contracts.ReportRejected;
import io.raprelay.contracts.SshKeyWarning;
import io.raprelay.notifier.contact.Severity;

/**
 * What one event means to the contacts: its severity, the clearing houses it concerns, and its title and facts in
 * English and Traditional Chinese (laid out by the Qute templates {@code alert-en.txt} and {@code alert-zh-HK.txt}),
 * and for failures that repeat while they last, the key under which a repeat is held back.
 */
public record Alert(Severity severity, Set<ClearingHouse> clearingHouses, Map<String, String> titles,
        Map<String, String> facts, String repeatKey) {

    /** An alert that is sent every time (no repeat key). */
    public Alert(Severity severity, Set<ClearingHouse> clearingHouses, Map<String, String> titles,
            Map<String, String> facts) {
        this(severity, clearingHouses, titles, facts, null);
    }

    static final DateTimeFormatter HKT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'HKT'")
            .withZone(ZoneId.of("Asia/Hong_Kong"));

    /** The alert for an event, or null for events that do not alert anyone one by one (arrivals go in digests). */
    public static Alert of(RapEvent event) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("time", HKT.format(event.occurredAt()));
        if (event instanceof FetchFailed e) {
            facts.put("account", e.installation() + " / " + e.account());
            facts.put("data centre", e.dataCentre().name());
            facts.put("hosts tried", String.join(", ", e.hostsTried()));
            facts.put("failing since", HKT.format(e.outageSince()) + " (" + e.attempts() + " polls)");
            facts.put("detail", e.detail());
            if (e.reason() == FailureReason.ARCHIVE) {
                // Nothing can be fetched for anyone until the archive takes writes again.
                return new Alert(Severity.CRITICAL, Set.of(ClearingHouse.values()), titles(
                        "Archive cannot be written: reports are held back", "存檔無法寫入：報表暫緩下載"), facts,
                        "FetchFailed/ARCHIVE");
            }
            return new Alert(Severity.ERROR, e.installation().clearingHouses(), titles(
                    "RAP unreachable: " + e.account() + " (" + e.reason() + ")",
                    "RAP 無法連線：" + e.account() + "（" + e.reason() + "）"), facts,
                    "FetchFailed/" + e.installation() + "/" + e.account() + "/" + e.reason());
        }
        if (event instanceof FetchRecovered e) {
            facts.put("account", e.installation() + " / " + e.account());
            facts.put("data centre", e.dataCentre().name());
            facts.put("answered", e.host());
            facts.put("down since", HKT.format(e.outageSince()) + " (" + e.failedPolls() + " failed polls)");
            return new Alert(Severity.INFO, e.installation().clearingHouses(), titles(
                    "Resolved: RAP reachable again: " + e.account(), "已解決：RAP 已恢復連線：" + e.account()), facts);
        }
        if (event instanceof HostFailover e) {
            facts.put("account", e.installation() + " / " + e.account());
            facts.put("from", e.fromHost());
            facts.put("to", e.toHost());
            facts.put("detail", e.detail());
            return new Alert(Severity.WARNING, e.installation().clearingHouses(), titles(
                    "RAP host failover: " + e.fromHost() + " -> " + e.toHost(),
                    "RAP 主機切換：" + e.fromHost() + " -> " + e.toHost()), facts,
                    "HostFailover/" + e.account() + "/" + e.fromHost() + "/" + e.toHost());
        }
        if (event instanceof HostRecovered e) {
            facts.put("account", e.installation() + " / " + e.account());
            facts.put("data centre", e.dataCentre().name());
            facts.put("polled again", e.host());
            facts.put("away since", HKT.format(e.failedOverAt()) + " (" + e.failoverEventIds().size()
                    + (e.failoverEventIds().size() == 1 ? " failover)" : " failovers)"));
            return new Alert(Severity.INFO, e.installation().clearingHouses(), titles(
                    "Resolved: RAP host back in use: " + e.host(), "已解決：RAP 主機已恢復使用：" + e.host()), facts);
        }
        if (event instanceof DataCentreSwitched e) {
            facts.put("installation", e.installation().name());
            facts.put("from", e.from().name());
            facts.put("to", e.to().name());
            facts.put("by", e.operator());
            facts.put("reason", e.reason());
            String what = e.reminder()
                    ? "Still on " + e.to() + " data centre: "
                    : "Data centre switched to "
                            + e.to() + ": ";
            String zh = e.reminder() ? "仍在使用" + e.to() + "數據中心：" : "已切換至" + e.to() + "數據中心：";
            return new Alert(Severity.CRITICAL, e.installation().clearingHouses(),
                    titles(what + e.installation(), zh + e.installation()), facts);
        }
        if (event instanceof HostKeyRejected e) {
            facts.put("host", e.host());
            facts.put("pinned key", String.valueOf(e.expectedFingerprint()));
            facts.put("presented key", String.valueOf(e.presentedFingerprint()));
            facts.put("detail", e.detail());
            return new Alert(Severity.CRITICAL, e.installation().clearingHouses(), titles(
                    "RAP host key rejected: " + e.host(), "RAP 主機密鑰被拒：" + e.host()), facts);
        }
        if (event instanceof SshKeyWarning e) {
            facts.put("account", e.installation() + " / " + e.account());
            facts.put("key in use", e.fingerprint());
            if (e.previousFingerprint() != null) {
                facts.put("key before", e.previousFingerprint());
            }
            if (e.expiresOn() != null) {
                facts.put("expires on", e.expiresOn().toString());
            }
            if (e.practiceSessionId() != null) {
                facts.put("practice session", e.practiceSessionId());
            }
            facts.put("detail", e.detail());
            return switch (e.kind()) {
                case CHANGED_NEAR_PRACTICE -> new Alert(Severity.CRITICAL, e.installation().clearingHouses(), titles(
                        "SSH key changed near a practice session: " + e.account(),
                        "演習期間 SSH 密鑰已更改：" + e.account()), facts);
                case EXPIRED -> new Alert(Severity.CRITICAL, e.installation().clearingHouses(), titles(
                        "SSH key expired: " + e.account(), "SSH 密鑰已過期：" + e.account()), facts);
                case EXPIRES_SOON -> new Alert(Severity.WARNING, e.installation().clearingHouses(), titles(
                        "SSH key expires on " + e.expiresOn() + ": " + e.account(),
                        "SSH 密鑰將於 " + e.expiresOn() + " 過期：" + e.account()), facts);
            };
        }
        if (event instanceof LoginCheckCompleted e) {
            facts.put("installation", e.installation() + ", " + e.dataCentre() + " data centre");
            facts.put("occasion", e.occasion() + (e.part() == null ? "" : " (" + e.part() + ")")
                    + (e.practiceSessionId() == null
                            ? ""
                            : ", practice session " + e.practiceSessionId() + " on " + e.sessionDate()));
            e.results().forEach(r -> facts.put(r.account() + " on " + r.host(), r.listed()
                    ? "logged in, listed " + r.entries() + " entries"
                    : "FAILED: " + r.failure()));
            if (!e.passed()) {
                facts.put("do", "fix the login on the hosts named (key registered with HKEX, host key pinned, "
                        + "firewall), then run it again: POST /api/sites/" + e.installation()
                        + "/login-check?dataCentre="
                        + e.dataCentre() + " (fetcher)");
            }
            String what = e.occasion() == LoginCheckCompleted.Occasion.DAY_BEFORE
                    || e.occasion() == LoginCheckCompleted.Occasion.SESSION_DAY ? "Standby pre-check" : "Login check";
            String whatZh = what.startsWith("Standby") ? "後備數據中心預檢" : "登入檢查";
            return e.passed()
                    ? new Alert(Severity.INFO, e.installation().clearingHouses(), titles(
                            what + " passed: " + e.installation() + " " + e.dataCentre() + " data centre",
                            whatZh + "通過：" + e.installation() + " " + e.dataCentre()), facts)
                    : new Alert(Severity.CRITICAL, e.installation().clearingHouses(), titles(
                            what + " FAILED: " + e.installation() + " " + e.dataCentre() + " data centre",
                            whatZh + "失敗：" + e.installation() + " " + e.dataCentre()), facts);
        }
        if (event instanceof ReportRejected e) {
            facts.put("account", e.installation() + " / " + e.account());
            facts.put("file", e.remotePath());
            facts.put("detail", e.detail());
            return new Alert(Severity.WARNING, e.installation().clearingHouses(), titles(
                    "Report file refused: " + e.reason(), "報表檔案被拒：" + e.reason()), facts);
        }
        if (event instanceof ReportOverdue e) {
            expectedReport(facts, e.clearingHouse() + " " + e.sourceSystem() + " " + e.reportCode(), e.participant(),
                    e.businessDate().toString(), e.run(), e.deadline());
            String run = e.run() == null ? "" : " " + e.run();
            return new Alert(Severity.CRITICAL, Set.of(e.clearingHouse()), titles(
                    "Report overdue: " + e.reportCode() + run + " for " + e.businessDate(),
                    "報表逾期：" + e.reportCode() + run + "（" + e.businessDate() + "）"), facts);
        }
        if (event instanceof ReportOverdueResolved e) {
            expectedReport(facts, e.clearingHouse() + " " + e.sourceSystem() + " " + e.reportCode(), e.participant(),
                    e.businessDate().toString(), e.run(), e.deadline());
            facts.put("arrived", HKT.format(e.arrivedAt()));
            facts.put("files", String.join(", ", e.reportKeys()));
            String run = e.run() == null ? "" : " " + e.run();
            return new Alert(Severity.INFO, Set.of(e.clearingHouse()), titles(
                    "Resolved: " + e.reportCode() + run + " for " + e.businessDate() + " arrived late at "
                            + HKT.format(e.arrivedAt()),
                    "已解決：" + e.reportCode() + run + "（" + e.businessDate() + "）已於 " + HKT.format(e.arrivedAt())
                            + " 遲到送達"),
                    facts);
        }
        if (event instanceof ArchiveAltered e) {
            facts.put("report", e.reportKey() + " version " + e.version());
            facts.put("expected SHA-256", e.expectedSha256());
            facts.put("found SHA-256", String.valueOf(e.actualSha256()));
            facts.put("requested by", e.requestedBy());
            return new Alert(Severity.CRITICAL, housesOf(e.reportKey()), titles(
                    "Archive altered: " + e.reportKey(), "存檔遭更改：" + e.reportKey()), facts);
        }
        if (event instanceof ArchiveRestored e) {
            facts.put("report", e.reportKey() + " version " + e.version());
            facts.put("SHA-256", e.sha256() + " (as recorded at fetch time)");
            facts.put("altered since", HKT.format(e.alteredSince()));
            facts.put("checked by", e.checkedBy());
            return new Alert(Severity.INFO, housesOf(e.reportKey()), titles(
                    "Resolved: archive copy restored: " + e.reportKey(), "已解決：存檔已還原：" + e.reportKey()), facts);
        }
        if (event instanceof RecordDeadLettered e) {
            facts.put("record", e.sourceTopic() + " partition " + e.partition() + " offset " + e.offset());
            facts.put("key", String.valueOf(e.recordKey()));
            facts.put("type", String.valueOf(e.cloudEventType()));
            facts.put("reason", e.reason());
            facts.put("dead-letter topic", e.deadLetterTopic());
            facts.put("after a fix", "POST /api/admin/dead-letters/replay on the " + e.service()
                    + " service (docs/runbook.md)");
            return new Alert(Severity.CRITICAL, Set.of(ClearingHouse.values()), titles(
                    "Record dead-lettered by the " + e.service() + ": " + e.sourceTopic(),
                    e.service() + " 已將記錄移至死信主題：" + e.sourceTopic()), facts);
        }
        return null;
    }

    /** The facts of an expected report: which, for which date and run, and its deadline. */
    private static void expectedReport(Map<String, String> facts, String report, String participant,
            String businessDate, String run, Instant deadline) {
        facts.put("report", report + (participant == null ? "" : " " + participant));
        facts.put("business date", businessDate);
        if (run != null) {
            facts.put("run", run.substring(0, 2) + ":" + run.substring(2) + " HKT");
        }
        facts.put("deadline", HKT.format(deadline));
    }

    private static Map<String, String> titles(String english, String chinese) {
        return Map.of("en", "[RAP Relay] " + english, "zh-HK", "[RAP Relay] " + chinese);
    }

    private static Set<ClearingHouse> housesOf(String reportKey) {
        for (Installation installation : Installation.values()) {
            if (reportKey.startsWith(installation.name() + "/")) {
                return installation.clearingHouses();
            }
        }
        return Set.of(ClearingHouse.values());
    }
}
