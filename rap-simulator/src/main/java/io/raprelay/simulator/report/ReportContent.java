package io.raprelay.simulator.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.raprelay.simulator.report.ReportCatalogue.PlannedReport;

/**
 * Plausible file contents for simulated reports, deterministic per report, date and generation so that publishing
 * the same day twice gives the same bytes and a re-issue (next generation) gives different ones.
 */
public final class ReportContent {

    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;
    private static final DateTimeFormatter YYMMDD = DateTimeFormatter.ofPattern("yyMMdd");
    private static final int RECORD_LENGTH = 80;

    private ReportContent() {
    }

    /** The bytes of a report; {@code generation} 0 is the first issue, each re-issue adds one. */
    public static byte[] of(PlannedReport report, int generation) {
        Random random = new Random((report.relativePath() + "#" + generation).hashCode());
        String participant = report.account().participant();
        ReportTemplate template = report.template();
        return switch (template.format()) {
            case FIXED_LENGTH -> fixedLength(template.reportId(), participant, fileName(report), report
                    .businessDate(), random, generation);
            case CSV -> csv(template.reportId(), participant, report.businessDate(), random, generation);
            case ZIP_CONTROL -> zip(stem(report) + ".ctl", control(template.reportId(), participant, report
                    .businessDate(), random));
            case ZIP_DATA -> zip(stem(report) + ".csv", csv(template.reportId(), participant, report.businessDate(),
                    random, generation));
            case RPF_BUNDLE -> rpfBundle(report.account().clearingHouse().name().toLowerCase(), report.businessDate(),
                    random);
        };
    }

    /**
     * CCASS-style fixed-length records: a control header (type 0: participant X(6), report id X(7), file name X(15),
     * market X(4), business date), detail records (type 1) each ending in a 4-digit checksum, and a trailer (type 9)
     * with the record count and the hash total of the quantities.
     */
    static byte[] fixedLength(String reportId, String participant, String fileName, LocalDate date, Random random,
            int generation) {
        StringBuilder out = new StringBuilder();
        record(out, "0" + pad(participant, 6) + pad(reportId, 7) + pad(fileName, 15) + pad("MAIN", 4)
                + date.format(YYYYMMDD) + String.format("%02d", generation));
        int details = 20 + random.nextInt(40);
        long hashTotal = 0;
        for (int i = 1; i <= details; i++) {
            long quantity = 100L * (1 + random.nextInt(50_000));
            long amountCents = quantity * (100 + random.nextInt(90_000));
            String body = String.format("1%06d%05d%015d%017d", i, 1 + random.nextInt(9999), quantity, amountCents);
            record(out, body + String.format("%04d", checksum(body)));
            hashTotal += quantity;
        }
        record(out, String.format("9%08d%018d", details, hashTotal));
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] csv(String reportId, String participant, LocalDate date, Random random, int generation) {
        StringBuilder out = new StringBuilder("report_id,participant,business_date,line,stock_code,quantity,"
                + "market_value_hkd,generation\n");
        int lines = 10 + random.nextInt(50);
        for (int i = 1; i <= lines; i++) {
            out.append(reportId).append(',').append(participant).append(',').append(date).append(',').append(i)
                    .append(',').append(String.format("%05d", 1 + random.nextInt(9999))).append(',')
                    .append(100 * (1 + random.nextInt(10_000))).append(',')
                    .append(String.format("%d.%02d", random.nextInt(10_000_000), random.nextInt(100))).append(',')
                    .append(generation).append('\n');
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] control(String reportId, String participant, LocalDate date, Random random) {
        return ("REPORT_ID=" + reportId + "\nPARTICIPANT=" + participant + "\nBUSINESS_DATE=" + date.format(YYYYMMDD)
                + "\nDATA_RECORDS=" + (10 + random.nextInt(50)) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The daily derivatives risk parameter bundle: intra-day, early and final files. */
    private static byte[] rpfBundle(String house, LocalDate date, Random random) {
        String yymmdd = date.format(YYMMDD);
        return zip("rpi" + house + "-" + yymmdd + "-1030.lis", lis(random),
                "rpp" + house + "-" + yymmdd + ".lis", lis(random),
                "rpf" + house + "-" + yymmdd + ".lis", lis(random));
    }

    private static byte[] lis(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            out.append(String.format("HSI%02d  %8.4f %8.4f%n", i, random.nextDouble() * 10, random.nextDouble() * 5));
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] zip(Object... namesAndContents) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                ZipEntry entry = new ZipEntry((String) namesAndContents[i]);
                entry.setTime(0); // stable bytes for the same content
                zip.putNextEntry(entry);
                zip.write((byte[]) namesAndContents[i + 1]);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static int checksum(String body) {
        int sum = 0;
        for (int i = 0; i < body.length(); i++) {
            sum = (sum * 31 + body.charAt(i)) % 10_000;
        }
        return sum;
    }

    private static void record(StringBuilder out, String content) {
        out.append(pad(content, RECORD_LENGTH)).append("\r\n");
    }

    private static String pad(String value, int width) {
        return value.length() >= width ? value.substring(0, width) : value + " ".repeat(width - value.length());
    }

    private static String fileName(PlannedReport report) {
        String path = report.relativePath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static String stem(PlannedReport report) {
        String name = fileName(report);
        return name.substring(0, name.lastIndexOf('.'));
    }

    /** Used by tests: whether a fixed-length detail record's checksum matches its body. */
    static boolean checksumMatches(String record) {
        String body = record.substring(0, 44);
        return Integer.parseInt(record.substring(44, 48)) == checksum(body);
    }
}
