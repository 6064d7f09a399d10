package io.raprelay.simulator.report;

import static io.raprelay.contracts.ClearingHouse.HKCC;
import static io.raprelay.contracts.ClearingHouse.HKSCC;
import static io.raprelay.contracts.ClearingHouse.SEOCH;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.raprelay.contracts.ClearingHouse;
import io.raprelay.contracts.SourceSystem;
import io.raprelay.simulator.SimulatorConfig.AccountConfig;
import io.raprelay.simulator.report.ReportTemplate.Folder;
import io.raprelay.simulator.report.ReportTemplate.ReportFormat;

/**
 * The reports of one business day, with the file names the simulator uses. Names follow the documented convention
 * {@code {REPORTID}_{PARTICIPANT}_{YYYYMMDD}.{ext}} in {@code INBOX/{date}/}; report ids and release times are those
 * public HKEX material gives. DCASS report codes are not public, so DCASS files carry placeholder ids (DCSIM01,
 * DCSIM02).
 */
public final class ReportCatalogue {

    private static final Set<ClearingHouse> DERIVATIVES = Set.of(HKCC, SEOCH);
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");

    private static final List<ReportTemplate> TEMPLATES = List.of(
            t("CSEMS08", SourceSystem.CCASS, Folder.INBOX, "08:00", Set.of(HKSCC), ReportFormat.FIXED_LENGTH),
            t("CCLID01", SourceSystem.CCASS, Folder.INBOX, "10:00", Set.of(HKSCC), ReportFormat.CSV),
            run("RMAMR03", "11:30", ReportFormat.ZIP_CONTROL), run("RMAMR03", "11:30", ReportFormat.ZIP_DATA),
            run("RMAMR03", "14:30", ReportFormat.ZIP_CONTROL), run("RMAMR03", "14:30", ReportFormat.ZIP_DATA),
            t("CSEMA08", SourceSystem.CCASS, Folder.INBOX, "16:30", Set.of(HKSCC), ReportFormat.FIXED_LENGTH),
            t("RMAMP01", SourceSystem.VAR, Folder.INBOX, "17:00", Set.of(HKSCC), ReportFormat.CSV),
            t("RMAMR01", SourceSystem.VAR, Folder.INBOX, "17:15", Set.of(HKSCC), ReportFormat.CSV),
            run("RMAMR03", "17:15", ReportFormat.ZIP_CONTROL), run("RMAMR03", "17:15", ReportFormat.ZIP_DATA),
            t("CIPSI02", SourceSystem.CCASS, Folder.INBOX, "18:00", Set.of(HKSCC), ReportFormat.FIXED_LENGTH),
            t("DCSIM01", SourceSystem.DCASS, Folder.INBOX, "18:30", DERIVATIVES, ReportFormat.FIXED_LENGTH),
            t("CCMDS01", SourceSystem.CCMS, Folder.INBOX, "19:00", Set.of(HKSCC, HKCC, SEOCH),
                    ReportFormat.FIXED_LENGTH),
            t("DCSIM02", SourceSystem.DCASS, Folder.INBOX, "19:30", DERIVATIVES, ReportFormat.CSV),
            t("CCLTN05", SourceSystem.CCASS, Folder.INBOX, "20:00", Set.of(HKSCC), ReportFormat.FIXED_LENGTH),
            run("RMAMR03", "21:00", ReportFormat.ZIP_CONTROL), run("RMAMR03", "21:00", ReportFormat.ZIP_DATA),
            t("RPF01", SourceSystem.VAR, Folder.COMMON, "21:00", Set.of(HKSCC), ReportFormat.CSV),
            t("RPF", SourceSystem.DCASS, Folder.RPF, "21:00", DERIVATIVES, ReportFormat.RPF_BUNDLE));

    private final DateTimeFormatter dailyFolder;

    public ReportCatalogue(String dailyFolderPattern) {
        this.dailyFolder = DateTimeFormatter.ofPattern(dailyFolderPattern);
    }

    public static List<ReportTemplate> templates() {
        return TEMPLATES;
    }

    /** Every file the account receives for the business day, in release order. */
    public List<PlannedReport> plan(AccountConfig account, LocalDate businessDate) {
        List<PlannedReport> plan = new ArrayList<>();
        for (ReportTemplate template : TEMPLATES) {
            if (template.houses().contains(account.clearingHouse())) {
                plan.add(new PlannedReport(account, template, businessDate, relativePath(account, template,
                        businessDate)));
            }
        }
        plan.sort(Comparator.comparing((PlannedReport p) -> p.template().release()));
        return plan;
    }

    /** The path of a report below the account's home, e.g. {@code INBOX/20250620/CCLTN05_B01234_20250620.txt}. */
    public String relativePath(AccountConfig account, ReportTemplate template, LocalDate date) {
        String day = date.format(dailyFolder);
        String ymd = date.format(YYYYMMDD);
        return switch (template.format()) {
            case RPF_BUNDLE -> "RPF/RPF_" + date.format(YYMMDD) + ".zip";
            case ZIP_CONTROL, ZIP_DATA -> "INBOX/" + day + "/" + template.reportId() + "_" + account.participant()
                    + "_" + ymd + "_" + template.runSuffix()
                    + (template.format() == ReportFormat.ZIP_CONTROL ? "_CTL" : "_DAT") + ".zip";
            default -> template.folder() + "/" + day + "/" + template.reportId()
                    + (template.folder() == Folder.COMMON ? "" : "_" + account.participant()) + "_" + ymd
                    + (template.format() == ReportFormat.CSV ? ".csv" : ".txt");
        };
    }

    /** One file of one account's business day. */
    public record PlannedReport(AccountConfig account, ReportTemplate template, LocalDate businessDate,
            String relativePath) {
    }

    private static ReportTemplate t(String id, SourceSystem system, Folder folder, String release,
            Set<ClearingHouse> houses, ReportFormat format) {
        return new ReportTemplate(id, system, folder, LocalTime.parse(release), houses, format, null);
    }

    private static ReportTemplate run(String id, String release, ReportFormat format) {
        return new ReportTemplate(id, SourceSystem.VAR, Folder.INBOX, LocalTime.parse(release), Set.of(HKSCC), format,
                release.replace(":", ""));
    }
}
