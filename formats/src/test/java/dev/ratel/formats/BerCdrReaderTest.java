package dev.ratel.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ratel.core.rating.Direction;
import dev.ratel.core.rating.Service;
import dev.ratel.formats.cdr.BerCdrReader;
import dev.ratel.formats.cdr.CdrFormatException;
import dev.ratel.formats.cdr.CdrReader;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.cdr.SwitchSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.BERSequence;
import org.bouncycastle.asn1.BERTaggedObject;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.junit.jupiter.api.Test;

/**
 * 3GPP TS 32.298 charging records in TS 32.297 files, as an MSC and a PGW write them. The records are
 * encoded here with Bouncy Castle's ASN.1 classes (not Ratel's code) from the tags of the published
 * modules (TS 32.298 V17: CSChargingDataTypes, GPRSChargingDataTypes, GenericChargingDataTypes), each
 * field's tag named in a comment; the expected records are worked out by hand.
 */
class BerCdrReaderTest {
    private static final SwitchSettings MSC = new SwitchSettings(ZoneId.of("Asia/Almaty"), "msc-almaty", "7727", null);
    /** Release 15, version 0 (bits 8-6 release 6 = Rel-9 or the release extension's; here simply 6). */
    private static final int RELEASE = 0xC0;
    /** Data record format 1 (BER) in bits 8-6, TS number 6 (32.250, CS) or 7 (32.251, PS) in bits 5-1. */
    private static final int BER_CS = 0x20 | 6;
    private static final int BER_PS = 0x20 | 7;

    @Test
    void shouldMapVoiceSmsAndDataRecordsOfATs32297File() throws IOException {
        List<byte[]> records = List.of(moCall(), mtCall(), unansweredMtCall(), moSms(), failedMoSms(), mtSms(), pgw(), pgwServiceDataOnly(),
                sgw(), incomingGatewayRecord());
        List<String> read = readAll(framed(records, RELEASE, false));
        assertThat(read).containsExactly(
                // MO call: 77011234567 (international, 0x91) called 8 727 250 12 34 (unknown type: national form 8 + ten
                // digits, so 7 727 250 12 34); answered 2024-05-02 10:00:00 at +06:00 = 04:00:00 UTC; 125 s
                "1 RECORD mo:77010000001:0102030405:0 msc-almaty VOICE OUT 77011234567 77272501234 2024-05-02T04:00:00Z 125 s",
                // MT call: from 701 765 43 21 (national type: ten digits gain the 7), answered 11:00:00+06:00, 60 s
                "2 RECORD mt:77010000001:0a0b:0 msc-almaty VOICE IN 77011234567 77017654321 2024-05-02T05:00:00Z 60 s",
                "3 REJECTED NOT_BILLABLE mt:77010000001:0c:0",
                // MO SMS to 77051112233 (a TS 23.040 address: 11 digits, 0x91), sent 2024-05-10 12:00:00+06:00; one part
                "4 RECORD mosms:401011234567890:1715320800000:2a msc-almaty SMS OUT 77011234567 77051112233 2024-05-10T06:00:00Z 0 s",
                "5 REJECTED NOT_BILLABLE mosms:401011234567890:1715320801000:2b",
                // MT SMS: no other party in the record; delivered 2024-05-10 13:00:00+06:00
                "6 RECORD mtsms:401011234567890:1715324400000 msc-almaty SMS IN 77011234567 0 2024-05-10T07:00:00Z 0 s",
                // PGW: traffic volumes 1 000 + 5 000 + 200 + 300 = 6 500 bytes; the service data's 6 500 are the same bytes,
                // not added; opened 2024-05-11 09:30:00+05:00 = 04:30:00 UTC; 600 s
                "7 RECORD pgw:0a000001:123456789:2 msc-almaty DATA OUT 77011234567 0 2024-05-11T04:30:00Z 600 s 6500 B",
                // service data only: 1 000 000 + 4 000 000 000 (past 32 bits) = 4 001 000 000 bytes
                "8 RECORD pgw:0a000002:987:0 msc-almaty DATA OUT 77011234567 0 2024-05-11T04:30:00Z 60 s 4001000000 B",
                "9 REJECTED NOT_BILLABLE ",
                "10 REJECTED NOT_BILLABLE ");
    }

    @Test
    void shouldReadAFileOfRelease10OrLaterWithItsHeaderExtensions() throws IOException {
        // release 7 in bits 8-6 means "Rel-10 or later": the file header and each CDR header carry an extension octet
        List<String> read = readAll(framed(List.of(moCall(), pgw()), 0xE0, true));
        assertThat(read).hasSize(2);
        assertThat(read.get(0)).startsWith("1 RECORD mo:77010000001:0102030405:0");
        assertThat(read.get(1)).startsWith("2 RECORD pgw:0a000001:123456789:2");
    }

    @Test
    void shouldReadARecordOfIndefiniteLengthAsTheSameCall() throws IOException {
        // BER lets a constructed element end with end-of-contents octets instead of a length
        byte[] indefinite = new BERTaggedObject(false, 0, new BERSequence(moCallFields())).getEncoded(ASN1Encoding.BER);
        assertThat(indefinite[1]).isEqualTo((byte) 0x80);
        assertThat(readAll(framed(List.of(indefinite), RELEASE, false)))
                .containsExactly("1 RECORD mo:77010000001:0102030405:0 msc-almaty VOICE OUT 77011234567 77272501234 2024-05-02T04:00:00Z 125 s");
    }

    @Test
    void shouldReadBareRecordsWithoutTheFileFraming() throws IOException {
        ByteArrayOutputStream bare = new ByteArrayOutputStream();
        bare.write(moCall());
        bare.write(new BERTaggedObject(false, 0, new BERSequence(moCallFields())).getEncoded(ASN1Encoding.BER));
        bare.write(mtSms());
        assertThat(readAll(bare.toByteArray())).extracting(line -> line.substring(0, line.indexOf(' ', 3)))
                .containsExactly("1 RECORD", "2 RECORD", "3 RECORD");
    }

    @Test
    void shouldRejectADamagedRecordAndGoOnWithTheNext() throws IOException {
        byte[] damaged = moCall();
        damaged[3] = 0x7F; // the first field's length now runs past the record
        byte[] notBer = moCall();
        List<String> read = readAll(framed(List.of(damaged, mtSms(), notBer), RELEASE, false, 2));
        assertThat(read).hasSize(3);
        assertThat(read.get(0)).startsWith("1 REJECTED MALFORMED_ROW");
        assertThat(read.get(1)).startsWith("2 RECORD mtsms:");
        // the third CDR's header says its data record format is 2 (not BER)
        assertThat(read.get(2)).startsWith("3 REJECTED BAD_FIELD");
    }

    @Test
    void shouldRejectTheTailOfAFileCutInsideARecord() throws IOException {
        byte[] file = framed(List.of(moCall(), mtCall()), RELEASE, false);
        byte[] cut = java.util.Arrays.copyOf(file, file.length - 5);
        List<String> read = readAll(cut);
        assertThat(read).hasSize(2);
        assertThat(read.get(0)).startsWith("1 RECORD mo:");
        assertThat(read.get(1)).startsWith("2 REJECTED MALFORMED_ROW");
    }

    @Test
    void shouldRefuseAFileThatIsNoTs32297File() {
        assertThatThrownBy(() -> new BerCdrReader(new ByteArrayInputStream("Date,Time\n".getBytes()), MSC))
                .isInstanceOf(CdrFormatException.class).hasMessageContaining("not a TS 32.297 CDR file");
        assertThatThrownBy(() -> new BerCdrReader(new ByteArrayInputStream(new byte[0]), MSC))
                .isInstanceOf(CdrFormatException.class).hasMessageContaining("empty");
    }

    /** Any byte of a file changed, or the file cut anywhere: every record is read or rejected, nothing throws. */
    @net.jqwik.api.Property(tries = 2_000)
    void shouldReadOrRejectEveryRecordOfADamagedFile(@net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 10_000) int at,
                                                     @net.jqwik.api.ForAll byte value,
                                                     @net.jqwik.api.ForAll boolean cut) throws IOException {
        byte[] file = framed(List.of(moCall(), mtCall(), moSms(), pgw(), pgwServiceDataOnly()), RELEASE, false);
        int position = at % file.length;
        byte[] damaged = cut ? java.util.Arrays.copyOf(file, position) : file.clone();
        if (!cut) {
            damaged[position] = value;
        }
        try (CdrReader reader = new BerCdrReader(new ByteArrayInputStream(damaged), MSC)) {
            CdrRecord record = new CdrRecord();
            int results = 0;
            for (CdrReader.Result result = reader.next(record); result != CdrReader.Result.END; result = reader.next(record)) {
                if (result == CdrReader.Result.REJECTED) {
                    assertThat(reader.rejectReason()).isNotNull();
                    assertThat(reader.rawText()).isNotNull();
                }
                assertThat(++results).isLessThan(100);
            }
        } catch (CdrFormatException headerDamaged) {
            assertThat(position).isLessThan(52); // only a damaged file header refuses the file
        }
    }

    // ---- records, field by field, with the tags of TS 32.298 ----

    private static ASN1Encodable[] moCallFields() {
        return new ASN1Encodable[] {
            implicit(0, new ASN1Integer(1)),                                  // recordType: moCallRecord (1)
            implicit(1, octets("04 01 11 32 54 76 98 f0")),                   // servedIMSI 401011234567890 (TBCD)
            implicit(3, octets("91 77 10 21 43 65 f7")),                      // servedMSISDN: international, 77011234567
            implicit(5, octets("81 78 72 52 10 32 f4")),                      // calledNumber: unknown type, 87272501234
            implicit(9, octets("91 77 10 00 00 00 f1")),                      // recordingEntity: 77010000001
            implicit(22, octets("24 05 02 09 59 50 2b 06 00")),               // seizureTime 2024-05-02 09:59:50 +0600
            implicit(23, octets("24 05 02 10 00 00 2b 06 00")),               // answerTime 2024-05-02 10:00:00 +0600
            implicit(25, new ASN1Integer(125)),                               // callDuration 125 s
            implicit(30, new ASN1Integer(0)),                                 // causeForTerm: normal release
            implicit(32, octets("01 02 03 04 05")),                           // callReference
        };
    }

    private static byte[] moCall() throws IOException {
        return record(0, moCallFields());
    }

    private static byte[] mtCall() throws IOException {
        return record(1,
                implicit(0, new ASN1Integer(2)),                              // recordType: mtCallRecord (2)
                implicit(3, octets("91 77 10 21 43 65 f7")),                  // servedMSISDN 77011234567
                implicit(4, octets("a1 07 71 56 34 12")),                     // callingNumber: national type, 7017654321
                implicit(9, octets("91 77 10 00 00 00 f1")),                  // recordingEntity
                implicit(19, octets("24 05 02 10 59 55 2b 06 00")),           // seizureTime
                implicit(20, octets("24 05 02 11 00 00 2b 06 00")),           // answerTime 2024-05-02 11:00:00 +0600
                implicit(22, new ASN1Integer(60)),                            // callDuration
                implicit(28, octets("0a 0b")));                               // callReference
    }

    private static byte[] unansweredMtCall() throws IOException {
        return record(1,
                implicit(0, new ASN1Integer(2)),
                implicit(3, octets("91 77 10 21 43 65 f7")),
                implicit(9, octets("91 77 10 00 00 00 f1")),
                implicit(19, octets("24 05 02 12 00 00 2b 06 00")),           // seized, never answered
                implicit(22, new ASN1Integer(0)),
                implicit(28, octets("0c")));
    }

    private static byte[] moSms() throws IOException {
        return record(6,
                implicit(0, new ASN1Integer(6)),                              // recordType: moSMSRecord (6)
                implicit(1, octets("04 01 11 32 54 76 98 f0")),               // servedIMSI
                implicit(3, octets("91 77 10 21 43 65 f7")),                  // servedMSISDN
                implicit(5, octets("91 77 10 99 99 99 f9")),                  // serviceCentre
                implicit(6, octets("91 77 10 00 00 00 f1")),                  // recordingEntity
                implicit(8, octets("2a")),                                    // messageReference
                implicit(9, octets("24 05 10 12 00 00 2b 06 00")),            // originationTime 2024-05-10 12:00:00 +0600
                implicit(12, octets("0b 91 77 50 11 21 32 f3")));             // destinationNumber: 11 digits, 0x91, 77051112233
    }

    private static byte[] failedMoSms() throws IOException {
        return record(6,
                implicit(0, new ASN1Integer(6)),
                implicit(1, octets("04 01 11 32 54 76 98 f0")),
                implicit(3, octets("91 77 10 21 43 65 f7")),
                implicit(8, octets("2b")),
                implicit(9, octets("24 05 10 12 00 01 2b 06 00")),
                implicit(10, new DERTaggedObject(true, 1, new ASN1Integer(27))), // smsResult: a MAP error
                implicit(12, octets("0b 91 77 50 11 21 32 f3")));
    }

    private static byte[] mtSms() throws IOException {
        return record(7,
                implicit(0, new ASN1Integer(7)),                              // recordType: mtSMSRecord (7)
                implicit(1, octets("91 77 10 99 99 99 f9")),                  // serviceCentre
                implicit(2, octets("04 01 11 32 54 76 98 f0")),               // servedIMSI
                implicit(4, octets("91 77 10 21 43 65 f7")),                  // servedMSISDN
                implicit(6, octets("91 77 10 00 00 00 f1")),                  // recordingEntity
                implicit(8, octets("24 05 10 13 00 00 2b 06 00")));           // deliveryTime 2024-05-10 13:00:00 +0600
    }

    private static byte[] pgw() throws IOException {
        return record(79,
                implicit(0, new ASN1Integer(85)),                             // recordType: pGWRecord (85)
                implicit(3, octets("04 01 11 32 54 76 98 f0")),               // servedIMSI
                // p-GWAddress [4] GSNAddress: a CHOICE, so its tag is explicit around iPBinV4Address [0] 10.0.0.1
                new DERTaggedObject(true, 4, implicit(0, octets("0a 00 00 01"))),
                implicit(5, new ASN1Integer(123_456_789)),                    // chargingID
                implicit(12, new DERSequence(new ASN1Encodable[] {            // listOfTrafficVolumes
                    charCondition(1_000, 5_000, "24 05 11 10 00 00 2b 05 00"),
                    charCondition(200, 300, "24 05 11 10 40 00 2b 05 00")})),
                implicit(13, octets("24 05 11 09 30 00 2b 05 00")),           // recordOpeningTime 2024-05-11 09:30 +0500
                implicit(14, new ASN1Integer(600)),                           // duration
                implicit(15, new ASN1Integer(0)),                             // causeForRecClosing: normal release
                implicit(17, new ASN1Integer(2)),                             // recordSequenceNumber
                implicit(22, octets("91 77 10 21 43 65 f7")),                 // servedMSISDN
                implicit(34, new DERSequence(serviceCondition(6_000, 500)))); // listOfServiceData: the same bytes by rating group
    }

    private static byte[] pgwServiceDataOnly() throws IOException {
        return record(79,
                implicit(0, new ASN1Integer(85)),
                new DERTaggedObject(true, 4, implicit(0, octets("0a 00 00 02"))),
                implicit(5, new ASN1Integer(987)),
                implicit(13, octets("24 05 11 09 30 00 2b 05 00")),
                implicit(14, new ASN1Integer(60)),
                implicit(22, octets("91 77 10 21 43 65 f7")),
                implicit(34, new DERSequence(serviceCondition(1_000_000, 4_000_000_000L))));
    }

    private static byte[] sgw() throws IOException {
        return record(78,
                implicit(0, new ASN1Integer(84)),                             // recordType: sGWRecord (84)
                new DERTaggedObject(true, 4, implicit(0, octets("0a 00 00 03"))),
                implicit(5, new ASN1Integer(555)),
                implicit(13, octets("24 05 11 09 30 00 2b 05 00")),
                implicit(22, octets("91 77 10 21 43 65 f7")));
    }

    private static byte[] incomingGatewayRecord() throws IOException {
        return record(3, implicit(0, new ASN1Integer(3)), implicit(9, octets("91 77 10 00 00 00 f1")));
    }

    /** ChangeOfCharCondition: dataVolumeGPRSUplink [3], dataVolumeGPRSDownlink [4], changeCondition [5], changeTime [6]. */
    private static DERSequence charCondition(long uplink, long downlink, String changeTime) {
        return new DERSequence(new ASN1Encodable[] {implicit(3, new ASN1Integer(uplink)), implicit(4, new ASN1Integer(downlink)),
            implicit(5, new ASN1Integer(0)), implicit(6, octets(changeTime))});
    }

    /** ChangeOfServiceCondition: ratingGroup [1], datavolumeFBCUplink [12], datavolumeFBCDownlink [13]. */
    private static DERSequence serviceCondition(long uplink, long downlink) {
        return new DERSequence(new ASN1Encodable[] {implicit(1, new ASN1Integer(10)), implicit(12, new ASN1Integer(uplink)),
            implicit(13, new ASN1Integer(downlink))});
    }

    /** A CallEventRecord: the alternative's context tag, implicit, on the record's SET. */
    private static byte[] record(int choice, ASN1Encodable... fields) throws IOException {
        return new DERTaggedObject(false, choice, new DERSet(fields)).getEncoded(ASN1Encoding.DER);
    }

    private static DERTaggedObject implicit(int tag, ASN1Encodable value) {
        return new DERTaggedObject(false, tag, value);
    }

    private static DEROctetString octets(String hex) {
        return new DEROctetString(HexFormat.of().parseHex(hex.replace(" ", "")));
    }

    /** A TS 32.297 file: the file header, then each CDR behind its CDR header. */
    private static byte[] framed(List<byte[]> records, int release, boolean extension) throws IOException {
        return framed(records, release, extension, -1);
    }

    /** As above; the CDR at {@code notBerAt} (0-based) says its data record format is 2. */
    private static byte[] framed(List<byte[]> records, int release, boolean extension, int notBerAt) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < records.size(); i++) {
            byte[] record = records.get(i);
            body.write(record.length >>> 8);
            body.write(record.length);
            body.write(release);
            int format = i == notBerAt ? 0x40 | 6 : record[0] == (byte) 0xBF ? BER_PS : BER_CS;
            body.write(format);
            if (extension) {
                body.write(5); // release extension: Rel-15
            }
            body.write(record);
        }
        int headerLength = extension ? 54 : 52;
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        java.io.DataOutputStream header = new java.io.DataOutputStream(file);
        header.writeInt(headerLength + body.size());  // file length
        header.writeInt(headerLength);                // header length
        header.writeByte(release);                    // high release / version
        header.writeByte(release);                    // low release / version
        header.writeInt(0x52A_5800);                  // file opening timestamp (packed month, day, hour, minute, offset)
        header.writeInt(0x52A_5900);                  // last CDR append timestamp
        header.writeInt(records.size());              // number of CDRs
        header.writeInt(42);                          // file sequence number
        header.writeByte(0);                          // file closure trigger: normal closure
        for (int i = 0; i < 16; i++) {
            header.writeByte(0xFF);                   // node IP address: 20 octets, IPv4 right-aligned after 0xFF padding
        }
        header.write(new byte[] {10, 0, 0, 9});
        header.writeByte(0);                          // lost CDR indicator
        header.writeShort(0);                         // CDR routing filter: none
        header.writeShort(0);                         // private extension: none
        if (extension) {
            header.writeByte(5);                      // high release extension
            header.writeByte(5);                      // low release extension
        }
        header.flush();
        assertThat(file.size()).isEqualTo(headerLength);
        body.writeTo(file);
        return file.toByteArray();
    }

    /** Every record of a file as one line: ordinal, result, and the mapped fields or the reject reason and id. */
    private static List<String> readAll(byte[] file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (CdrReader reader = new BerCdrReader(new ByteArrayInputStream(file), MSC)) {
            CdrRecord record = new CdrRecord();
            for (CdrReader.Result result = reader.next(record); result != CdrReader.Result.END; result = reader.next(record)) {
                if (result == CdrReader.Result.REJECTED) {
                    assertThat(reader.rawText()).isNotEmpty();
                    lines.add(reader.line() + " REJECTED " + reader.rejectReason() + " " + reader.rejectedRecordId());
                    continue;
                }
                lines.add(reader.line() + " RECORD " + record.recordIdText() + " " + record.sourceText() + " " + record.service + " "
                        + record.direction + " " + record.subscriber + " " + record.otherParty + " "
                        + Instant.ofEpochMilli(record.startEpochMillis) + " " + record.durationSeconds + " s"
                        + (record.service == Service.DATA ? " " + record.volumeBytes + " B" : ""));
                assertThat(record.direction).isIn(Direction.OUT, Direction.IN);
            }
        }
        return lines;
    }
}
