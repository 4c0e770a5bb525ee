package dev.ratel.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.Service;
import dev.ratel.core.rating.SmsEncoding;
import dev.ratel.formats.cdr.AsteriskCsvReader;
import dev.ratel.formats.cdr.SwitchSettings;
import dev.ratel.formats.cdr.FreeswitchCsvReader;
import dev.ratel.formats.cdr.CanonicalCsvReader;
import dev.ratel.formats.cdr.CdrFormatException;
import dev.ratel.formats.cdr.CdrReader;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.cdr.RejectReason;
import dev.ratel.formats.cdr.Timestamps;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CdrReadersTest {
    private static final String HEADER = "record_id,source,service,direction,subscriber,other_party,start_time,duration_s,volume_bytes,sms_chars,sms_encoding\n";
    private static final Path REAL_ASTERISK = Path.of("../../shared/data/asterisk/Master-anonymised.csv");

    @Test
    void shouldReadEveryServiceOfTheCanonicalCsv() throws IOException {
        List<CdrRecord> records = readAll(new CanonicalCsvReader(in(HEADER
                + "r1,msc1,VOICE,OUT,77051110001,77011234567,2024-05-17T10:15:30+05:00,125,,,\r\n"
                + "r2,,SMS,OUT,77051110001,77011234567,2024-05-17T05:16:00Z,,,71,UCS2\n"
                + "\n"
                + "\"r,3\",smsc,DATA,OUT,77051110001,,2024-05-17T10:17:00.250+0500,,1048576,,\n"), "t.csv"));
        assertThat(records).hasSize(3);
        CdrRecord voice = records.get(0);
        assertThat(voice.recordIdText()).isEqualTo("r1");
        assertThat(voice.sourceText()).isEqualTo("msc1");
        assertThat(voice.service).isEqualTo(Service.VOICE);
        assertThat(voice.direction).isEqualTo(Direction.OUT);
        assertThat(voice.subscriber).isEqualTo(77051110001L);
        assertThat(voice.otherParty).isEqualTo(77011234567L);
        assertThat(voice.startEpochMillis).isEqualTo(Instant.parse("2024-05-17T05:15:30Z").toEpochMilli());
        assertThat(voice.durationSeconds).isEqualTo(125);
        assertThat(records.get(1).sourceText()).isEqualTo("default");
        assertThat(records.get(1).smsChars).isEqualTo(71);
        assertThat(records.get(1).smsEncoding).isEqualTo(SmsEncoding.UCS2);
        CdrRecord data = records.get(2);
        assertThat(data.recordIdText()).isEqualTo("r,3");
        assertThat(data.line).isEqualTo(5); // the blank line 4 is not a record
        assertThat(data.volumeBytes).isEqualTo(1_048_576);
        assertThat(data.startEpochMillis).isEqualTo(Instant.parse("2024-05-17T05:17:00.250Z").toEpochMilli());
    }

    @Test
    void shouldRejectEveryKindOfBadLineWithTheFieldNamed() throws IOException {
        String bad = HEADER
                + "r1,m,FAX,OUT,77051110001,77011234567,2024-05-17T10:15:30+05:00,1,,,\n"
                + "r2,m,VOICE,SIDEWAYS,77051110001,77011234567,2024-05-17T10:15:30+05:00,1,,,\n"
                + "r3,m,VOICE,OUT,+77051110001,77011234567,2024-05-17T10:15:30+05:00,1,,,\n"
                + "r4,m,VOICE,OUT,77051110001,,2024-05-17T10:15:30+05:00,1,,,\n"
                + "r5,m,VOICE,OUT,77051110001,77011234567,2024-05-17 10:15:30,1,,,\n"
                + "r6,m,VOICE,OUT,77051110001,77011234567,2024-02-30T10:15:30+05:00,1,,,\n"
                + "r7,m,VOICE,OUT,77051110001,77011234567,2024-05-17T10:15:30+05:00,-4,,,\n"
                + "r8,m,VOICE,OUT,77051110001,77011234567,2024-05-17T10:15:30+05:00,1.5,,,\n"
                + "r9,m,SMS,OUT,77051110001,77011234567,2024-05-17T10:15:30+05:00,,,10,UTF8\n"
                + ",m,VOICE,OUT,77051110001,77011234567,2024-05-17T10:15:30+05:00,1,,,\n"
                + "x".repeat(65) + ",m,VOICE,OUT,77051110001,77011234567,2024-05-17T10:15:30+05:00,1,,,\n"
                + "r12,m,VOICE,OUT\n"
                + "r13,\"m,VOICE,OUT,77051110001,77011234567,2024-05-17T10:15:30+05:00,1,,,\n"
                + "r14,m,VOICE,OUT,77051110001,77011234567,2024-05-17T10:15:30+05:00,1,,,\n";
        List<String> reasons = new ArrayList<>();
        CdrRecord record = new CdrRecord();
        try (CdrReader reader = new CanonicalCsvReader(in(bad), "bad.csv")) {
            CdrReader.Result result;
            while ((result = reader.next(record)) != CdrReader.Result.END) {
                reasons.add(result == CdrReader.Result.RECORD ? "OK" : reader.line() + " " + reader.rejectReason() + ": " + reader.rejectDetail());
            }
        }
        assertThat(reasons).containsExactly(
                "2 UNKNOWN_SERVICE: service 'FAX' is not VOICE, SMS or DATA",
                "3 BAD_FIELD: direction 'SIDEWAYS' is not OUT, IN or FWD",
                "4 BAD_NUMBER: subscriber '+77051110001' is not 1 to 16 digits in international form without '+'",
                "5 MISSING_FIELD: other_party is required for VOICE",
                "6 BAD_TIMESTAMP: start_time '2024-05-17 10:15:30' is not an ISO-8601 instant with an offset such as 2024-05-17T10:15:30+05:00",
                "7 BAD_TIMESTAMP: start_time '2024-02-30T10:15:30+05:00' is not an ISO-8601 instant with an offset such as 2024-05-17T10:15:30+05:00",
                "8 BAD_DURATION: duration_s '-4' is negative",
                "9 BAD_FIELD: duration_s '1.5' is not a whole number",
                "10 BAD_FIELD: sms_encoding 'UTF8' is not GSM7 or UCS2",
                "11 MISSING_FIELD: record_id is empty",
                "12 RECORD_ID_TOO_LONG: record_id is longer than 64 bytes",
                "13 MALFORMED_ROW: has 4 fields, the header has 11",
                "14 MALFORMED_ROW: a quoted field is not closed on its line",
                "OK"); // line 15 is read on its own: a stray quote never swallows the next line
    }

    @Test
    void shouldRejectIdsThatAreNotPrintableUtf8BeforeTheyReachTheJournal() throws IOException {
        String line = ",m,VOICE,OUT,77051110001,77011234567,2024-05-17T10:15:30+05:00,1,,,\n";
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.writeBytes(HEADER.getBytes(StandardCharsets.UTF_8));
        byte[][] ids = {
            {'r', '1', (byte) 0xFF},                       // not UTF-8 at all: Parquet would refuse the STRING
            {'r', '2', (byte) 0xC0, (byte) 0xAF},          // an overlong '/'
            {'r', '3', (byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a UTF-16 surrogate
            {'r', '4', 0x00},                              // NUL
            {'r', '5', (byte) 0xD0},                       // a sequence cut short
            "звонок-6".getBytes(StandardCharsets.UTF_8),   // Cyrillic: fine
            "r7-\uD83D\uDCDE".getBytes(StandardCharsets.UTF_8)};
        for (byte[] id : ids) {
            file.writeBytes(id);
            file.writeBytes(line.getBytes(StandardCharsets.UTF_8));
        }
        file.writeBytes(("r8,m\u0007x" + line.substring(2)).getBytes(StandardCharsets.UTF_8)); // a BEL in the source
        List<String> results = new ArrayList<>();
        CdrRecord record = new CdrRecord();
        try (CdrReader reader = new CanonicalCsvReader(new ByteArrayInputStream(file.toByteArray()), "ids.csv")) {
            CdrReader.Result result;
            while ((result = reader.next(record)) != CdrReader.Result.END) {
                results.add(result == CdrReader.Result.RECORD ? "OK " + record.recordIdText()
                        : reader.line() + " " + reader.rejectReason() + ": " + reader.rejectDetail());
            }
        }
        assertThat(results).containsExactly(
                "2 BAD_TEXT: record_id is not printable UTF-8 text: byte 3 is 0xFF",
                "3 BAD_TEXT: record_id is not printable UTF-8 text: byte 3 is 0xC0",
                "4 BAD_TEXT: record_id is not printable UTF-8 text: byte 3 is 0xED",
                "5 BAD_TEXT: record_id is not printable UTF-8 text: byte 3 is 0x00",
                "6 BAD_TEXT: record_id is not printable UTF-8 text: byte 3 is 0xD0",
                "OK звонок-6",
                "OK r7-\uD83D\uDCDE",
                "9 BAD_TEXT: source is not printable UTF-8 text: byte 2 is 0x07");
    }

    @Test
    void shouldJudgeTextAsAStrictUtf8DecoderAndAControlCheckDo() {
        // the oracle: the JDK's decoder set to report malformed input, then no code point below U+0020 or in U+007F..U+009F
        java.util.Random random = new java.util.Random(19);
        byte[] alphabet = {'a', '0', 0x00, 0x1F, 0x7F, (byte) 0x80, (byte) 0xBF, (byte) 0xC0, (byte) 0xC2, (byte) 0xD0, (byte) 0xDF,
            (byte) 0xE0, (byte) 0xED, (byte) 0xEF, (byte) 0xF0, (byte) 0xF4, (byte) 0xF5, (byte) 0xFF, (byte) 0x9F, (byte) 0xA0};
        for (int round = 0; round < 200_000; round++) {
            byte[] text = new byte[1 + random.nextInt(8)];
            for (int i = 0; i < text.length; i++) {
                text[i] = random.nextInt(3) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            boolean expected;
            try {
                String decoded = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(text)).toString();
                expected = decoded.codePoints().noneMatch(c -> c < 0x20 || c >= 0x7F && c <= 0x9F);
            } catch (java.nio.charset.CharacterCodingException e) {
                expected = false;
            }
            assertThat(dev.ratel.formats.cdr.Utf8Text.firstBadByte(text, 0, text.length) < 0)
                    .as("%s", java.util.HexFormat.of().formatHex(text)).isEqualTo(expected);
        }
    }

    @Test
    void shouldStopAtAFileWithoutARequiredColumnNamingIt() {
        assertThatThrownBy(() -> new CanonicalCsvReader(in("record_id,service,direction,subscriber\n"), "x.csv"))
                .isInstanceOf(CdrFormatException.class).hasMessageContaining("x.csv:1: missing required column 'start_time'");
    }

    @Test
    void shouldParseOffsetsFractionsAndRefuseImpossibleTimes() {
        assertThat(parse("2024-05-17T10:15:30+05:00")).isEqualTo(Instant.parse("2024-05-17T05:15:30Z").toEpochMilli());
        assertThat(parse("2024-05-17T10:15:30-0330")).isEqualTo(Instant.parse("2024-05-17T13:45:30Z").toEpochMilli());
        assertThat(parse("2024-02-29T00:00:00.5Z")).isEqualTo(Instant.parse("2024-02-29T00:00:00.500Z").toEpochMilli());
        assertThat(parse("2023-02-29T00:00:00Z")).isEqualTo(Timestamps.INVALID);
        assertThat(parse("2024-05-17T24:00:00Z")).isEqualTo(Timestamps.INVALID);
        assertThat(parse("2024-05-17T10:15:30")).isEqualTo(Timestamps.NO_OFFSET);
        assertThat(parse("2024-05-17T10:15:30+25:00")).isEqualTo(Timestamps.INVALID);
        assertThat(parse("17.05.2024 10:15:30")).isEqualTo(Timestamps.INVALID);
    }

    private static long parse(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return Timestamps.parseOffsetMillis(bytes, 0, bytes.length);
    }

    @Test
    void shouldMapRealLayoutAsteriskLinesWithUnansweredLegs() throws IOException {
        // Lines in the layout of the shared Master.csv: 21 columns, an incoming call in context
        // "stadion-pstn" answered, then two legs of one call (same uniqueid, sequences 3 and 6) not answered.
        String lines = "\"\",\"89242008539\",\"221531\",\"stadion-pstn\",\"\"\"89242008539\"\" <89242008539>\",\"SIP/221531-00000000\",\"\",\"Hangup\",\"\",\"2024-01-27 15:07:24\",\"2024-01-27 15:07:24\",\"2024-01-27 15:07:51\",27,27,\"ANSWERED\",\"DOCUMENTATION\",\"1706368044.0\",\"\",\"\",\"1706368044.0\",0\n"
                + "\"\",\"89242008539\",\"218102\",\"stadion-pstn\",\"x\",\"SIP/218102-00000003\",\"SIP/301-00000004\",\"Dial\",\"SIP/301&SIP/200@stadionpbx,60,t\",\"2024-01-27 15:33:20\",,\"2024-01-27 15:34:20\",60,0,\"NO ANSWER\",\"DOCUMENTATION\",\"1706369600.6\",\"\",\"\",\"1706369600.6\",3\n"
                + "\"\",\"89242008539\",\"218102\",\"stadion-pstn\",\"x\",\"SIP/218102-00000003\",\"SIP/stadionpbx-00000005\",\"Dial\",\"\",\"2024-01-27 15:33:20\",,\"2024-01-27 15:33:50\",30,0,\"NO ANSWER\",\"DOCUMENTATION\",\"1706369600.6\",\"\",\"\",\"1706369600.6\",6\n"
                + "\"\",\"301\",\"84959876543\",\"from-internal\",\"x\",\"SIP/301-00000007\",\"SIP/trunk-00000008\",\"Dial\",\"\",\"2024-01-27 16:00:00\",\"2024-01-27 16:00:05\",\"2024-01-27 16:01:05\",65,60,\"ANSWERED\",\"DOCUMENTATION\",\"1706371200.9\",\"\",\"\",\"1706371200.9\",7\n";
        SwitchSettings settings = new SwitchSettings(ZoneId.of("Asia/Vladivostok"), "stadion", "74232", null);
        List<String> seen = new ArrayList<>();
        CdrRecord record = new CdrRecord();
        try (CdrReader reader = new AsteriskCsvReader(in(lines), settings)) {
            CdrReader.Result result;
            while ((result = reader.next(record)) != CdrReader.Result.END) {
                seen.add(result == CdrReader.Result.RECORD
                        ? record.recordIdText() + " " + record.direction + " " + record.subscriber + " " + record.otherParty + " "
                                + Instant.ofEpochMilli(record.startEpochMillis) + " " + record.durationSeconds + " " + record.sourceText()
                        : reader.rejectedRecordId() + " " + reader.rejectReason());
            }
        }
        // 8 924 200 85 39 -> 7 924 200 85 39; local 221531 in area 74232 -> 74232221531; Vladivostok is UTC+10.
        assertThat(seen).containsExactly(
                "1706368044.0/0 IN 74232221531 79242008539 2024-01-27T05:07:24Z 27 stadion",
                "1706369600.6/3 NOT_BILLABLE",
                "1706369600.6/6 NOT_BILLABLE",
                "1706371200.9/7 OUT 74232301 74959876543 2024-01-27T06:00:05Z 60 stadion");
    }

    /**
     * FreeSWITCH mod_cdr_csv with the stock "example" template (15 quoted columns, no header): an inbound call in the
     * public context, an outbound one in national form, one never answered, a local number, 810 international, a caller
     * name with a comma and a quote, a template with extra columns, and broken rows.
     */
    @Test
    void shouldMapFreeswitchCdrCsvRecords() throws IOException {
        String lines = String.join("\n",
                // 1: from the network into the public context: IN for the dialled DID, from the caller
                "\"Иванов, \"\"ООО\"\"\",\"+74959876543\",\"74232221531\",\"public\",\"2024-05-17 10:15:00\",\"2024-05-17 10:15:04\",\"2024-05-17 10:16:04\",\"64\",\"60\",\"NORMAL_CLEARING\",\"a1b2c3d4-0001\",\"\",\"\",\"PCMA\",\"PCMA\"",
                // 2: an extension dials 8 + ten digits out of the default context: OUT from the extension's DID
                "\"Office\",\"74232221531\",\"89242008539\",\"default\",\"2024-05-17 11:00:00\",\"2024-05-17 11:00:10\",\"2024-05-17 11:02:10\",\"130\",\"120\",\"NORMAL_CLEARING\",\"a1b2c3d4-0002\",\"b-0002\",\"acc1\",\"PCMA\",\"PCMA\"",
                // 3: never answered
                "\"Office\",\"74232221531\",\"89242008539\",\"default\",\"2024-05-17 11:05:00\",\"\",\"2024-05-17 11:05:30\",\"30\",\"0\",\"NO_ANSWER\",\"a1b2c3d4-0003\",\"\",\"\",\"PCMA\",\"PCMA\"",
                // 4: a local six-digit number in the switch's area, and 810 + an international number, extra template columns
                "\"\",\"221532\",\"810998712345678\",\"default\",\"2024-05-17 12:00:00\",\"2024-05-17 12:00:01\",\"2024-05-17 12:00:31\",\"31\",\"30\",\"NORMAL_CLEARING\",\"a1b2c3d4-0004\",\"\",\"\",\"PCMA\",\"PCMA\",\"sip-user\",\"internal\"",
                // 5: billsec that is not a number; 6: a row too short to have a uuid; 7: no uuid
                "\"\",\"221532\",\"89242008539\",\"default\",\"2024-05-17 12:10:00\",\"2024-05-17 12:10:01\",\"2024-05-17 12:10:31\",\"31\",\"x\",\"NORMAL_CLEARING\",\"a1b2c3d4-0005\",\"\",\"\",\"PCMA\",\"PCMA\"",
                "\"\",\"221532\",\"89242008539\",\"default\"",
                "\"\",\"221532\",\"89242008539\",\"default\",\"2024-05-17 12:20:00\",\"2024-05-17 12:20:01\",\"2024-05-17 12:20:31\",\"31\",\"30\",\"NORMAL_CLEARING\",\"\",\"\",\"\",\"PCMA\",\"PCMA\"") + "\n";
        SwitchSettings settings = new SwitchSettings(ZoneId.of("Asia/Vladivostok"), "fs-vlad", "74232", null);
        List<String> seen = new ArrayList<>();
        CdrRecord record = new CdrRecord();
        try (CdrReader reader = new FreeswitchCsvReader(in(lines), settings)) {
            CdrReader.Result result;
            while ((result = reader.next(record)) != CdrReader.Result.END) {
                seen.add(result == CdrReader.Result.RECORD
                        ? record.recordIdText() + " " + record.direction + " " + record.subscriber + " " + record.otherParty + " "
                                + Instant.ofEpochMilli(record.startEpochMillis) + " " + record.durationSeconds + " " + record.sourceText()
                        : reader.rejectedRecordId() + " " + reader.rejectReason() + ": " + reader.rejectDetail());
            }
        }
        // Vladivostok is UTC+10: answered at 10:15:04 local is 00:15:04Z. 8 924 … -> 7 924 …; 221532 in area 74232 ->
        // 74232221532; 810 998712345678 -> 998712345678 (Uzbekistan)
        assertThat(seen).containsExactly(
                "a1b2c3d4-0001 IN 74232221531 74959876543 2024-05-17T00:15:04Z 60 fs-vlad",
                "a1b2c3d4-0002 OUT 74232221531 79242008539 2024-05-17T01:00:10Z 120 fs-vlad",
                "a1b2c3d4-0003 NOT_BILLABLE: not answered (hangup_cause NO_ANSWER)",
                "a1b2c3d4-0004 OUT 74232221532 998712345678 2024-05-17T02:00:01Z 30 fs-vlad",
                "a1b2c3d4-0005 BAD_FIELD: billsec 'x' is not a number of seconds",
                " MALFORMED_ROW: has 4 fields; mod_cdr_csv's example template writes 15, uuid in the 11th",
                " MISSING_FIELD: uuid is empty");
    }

    @Test
    void shouldReadTheRealAsteriskFileKeepingEveryLegApart() throws IOException {
        assumeTrue(Files.exists(REAL_ASTERISK), "shared/data is not beside the repository");
        SwitchSettings settings = new SwitchSettings(ZoneId.of("Asia/Vladivostok"), "stadion", "", null);
        Set<String> ids = new HashSet<>();
        int records = 0;
        int notBillable = 0;
        int otherRejects = 0;
        CdrRecord record = new CdrRecord();
        try (CdrReader reader = new AsteriskCsvReader(Files.newInputStream(REAL_ASTERISK), settings)) {
            CdrReader.Result result;
            while ((result = reader.next(record)) != CdrReader.Result.END) {
                if (result == CdrReader.Result.RECORD) {
                    records++;
                    assertThat(ids.add(record.recordIdText())).as("record id %s is unique", record.recordIdText()).isTrue();
                } else if (reader.rejectReason() == RejectReason.NOT_BILLABLE) {
                    notBillable++;
                    assertThat(ids.add(reader.rejectedRecordId())).isTrue();
                } else {
                    otherRejects++;
                }
            }
        }
        // The README: 84 rows, unique by (uniqueid, sequence); dispositions ANSWERED, NO ANSWER, BUSY.
        assertThat(records + notBillable + otherRejects).isEqualTo(84);
        assertThat(ids).hasSize(84 - otherRejects);
        assertThat(records).isPositive();
        assertThat(notBillable).isPositive();
    }

    private static List<CdrRecord> readAll(CdrReader reader) throws IOException {
        List<CdrRecord> out = new ArrayList<>();
        try (reader) {
            while (true) {
                CdrRecord record = new CdrRecord();
                CdrReader.Result result = reader.next(record);
                if (result == CdrReader.Result.END) {
                    return out;
                }
                assertThat(result).as("line %d: %s", reader.line(), result == CdrReader.Result.REJECTED ? reader.rejectDetail() : "").isEqualTo(CdrReader.Result.RECORD);
                out.add(record);
            }
        }
    }

    private static InputStream in(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}
