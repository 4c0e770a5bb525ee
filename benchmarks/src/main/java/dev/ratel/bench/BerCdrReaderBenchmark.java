package dev.ratel.bench;

import dev.ratel.formats.cdr.BerCdrReader;
import dev.ratel.formats.cdr.CdrReader;
import dev.ratel.formats.cdr.CdrRecord;
import dev.ratel.formats.cdr.SwitchSettings;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.BERTags;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERTaggedObject;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A TS 32.297 file of 10 000 TS 32.298 records from memory (7 in 10 MO calls, 2 MO SMS, 1 PGW record
 * with two traffic-volume containers), encoded with Bouncy Castle: {@link #ratel} reads them into
 * Ratel's records with {@link BerCdrReader}; {@link #asn1Library} only decodes the same records
 * into Bouncy Castle's objects and reads three fields of each, the least an ASN.1-library reader
 * would do. A score is per record; run with {@code -prof gc} for the bytes each allocates.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
public class BerCdrReaderBenchmark {
    static final int RECORDS = 10_000;
    private static final SwitchSettings MSC = new SwitchSettings(ZoneId.of("Asia/Almaty"), "msc-1", "7727", null);

    private byte[] file;
    private final List<byte[]> records = new ArrayList<>();
    private final CdrRecord record = new CdrRecord();

    @Setup
    public void setUp() throws IOException {
        SplittableRandom random = new SplittableRandom(5);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int i = 0; i < RECORDS; i++) {
            String served = "91" + tbcd("7705" + (1_000_000 + random.nextInt(8_999_999)));
            String time = String.format("2405%02d%02d%02d%02d2b0600", 1 + random.nextInt(28), random.nextInt(24), random.nextInt(60),
                    random.nextInt(60));
            int kind = random.nextInt(10);
            byte[] encoded;
            if (kind < 7) {
                encoded = record(0, tagged(0, new ASN1Integer(1)), tagged(3, octets(served)),
                        tagged(5, octets("81" + tbcd("8701" + (1_000_000 + random.nextInt(8_999_999))))), tagged(9, octets("917710000000f1")),
                        tagged(23, octets(time)), tagged(25, new ASN1Integer(random.nextInt(1200))), tagged(32, octets(String.format("%08x", i))));
            } else if (kind < 9) {
                encoded = record(6, tagged(0, new ASN1Integer(6)), tagged(1, octets("040111325476" + String.format("%04d", i % 10_000))),
                        tagged(3, octets(served)), tagged(8, octets(String.format("%02x", i & 0xFF))), tagged(9, octets(time)),
                        tagged(12, octets("0b91" + tbcd("7705" + (1_000_000 + random.nextInt(8_999_999))))));
            } else {
                encoded = record(79, tagged(0, new ASN1Integer(85)), new DERTaggedObject(true, 4, tagged(0, octets("0a000001"))),
                        tagged(5, new ASN1Integer(i)), tagged(12, new DERSequence(new ASN1Encodable[] {
                            new DERSequence(new ASN1Encodable[] {tagged(3, new ASN1Integer(random.nextInt(10_000_000))),
                                tagged(4, new ASN1Integer(random.nextInt(100_000_000)))}),
                            new DERSequence(new ASN1Encodable[] {tagged(3, new ASN1Integer(random.nextInt(10_000_000))),
                                tagged(4, new ASN1Integer(random.nextInt(100_000_000)))})})),
                        tagged(13, octets(time)), tagged(14, new ASN1Integer(3600)), tagged(22, octets(served)));
            }
            records.add(encoded);
            body.write(encoded.length >>> 8);
            body.write(encoded.length);
            body.write(0xC0);
            body.write(kind == 9 ? 0x27 : 0x26);
            body.write(encoded);
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        DataOutputStream header = new DataOutputStream(whole);
        header.writeInt(52 + body.size());
        header.writeInt(52);
        header.write(new byte[40]);
        header.writeShort(0);
        header.writeShort(0);
        body.writeTo(whole);
        file = whole.toByteArray();
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long ratel() throws IOException {
        long sum = 0;
        int read = 0;
        try (CdrReader reader = new BerCdrReader(new ByteArrayInputStream(file), MSC)) {
            CdrReader.Result result;
            while ((result = reader.next(record)) != CdrReader.Result.END) {
                if (result != CdrReader.Result.RECORD) {
                    throw new IllegalStateException("record " + reader.line() + " rejected: " + reader.rejectDetail());
                }
                sum += record.subscriber + record.durationSeconds + record.volumeBytes;
                read++;
            }
        }
        if (read != RECORDS) {
            throw new IllegalStateException(read + " records of " + RECORDS);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(RECORDS)
    public long asn1Library() throws IOException {
        long sum = 0;
        for (byte[] encoded : records) {
            try (ASN1InputStream in = new ASN1InputStream(encoded)) {
                ASN1TaggedObject choice = (ASN1TaggedObject) in.readObject();
                ASN1Set fields = (ASN1Set) choice.getBaseUniversal(false, BERTags.SET);
                for (ASN1Encodable field : fields) {
                    ASN1TaggedObject tagged = (ASN1TaggedObject) field;
                    switch (tagged.getTagNo()) {
                        case 3, 22 -> sum += ASN1OctetString.getInstance(tagged, false).getOctets().length;
                        case 25, 14 -> sum += ASN1Integer.getInstance(tagged, false).longValueExact();
                        case 23, 13 -> sum += ASN1OctetString.getInstance(tagged, false).getOctets()[0];
                        default -> { }
                    }
                }
            }
        }
        return sum;
    }

    private static byte[] record(int choice, ASN1Encodable... fields) throws IOException {
        return new DERTaggedObject(false, choice, new DERSet(fields)).getEncoded(ASN1Encoding.DER);
    }

    private static DERTaggedObject tagged(int tag, ASN1Encodable value) {
        return new DERTaggedObject(false, tag, value);
    }

    private static DEROctetString octets(String hex) {
        return new DEROctetString(HexFormat.of().parseHex(hex));
    }

    /** Digits in TBCD: two a byte, the low nibble first, an odd count padded with F. */
    private static String tbcd(String digits) {
        StringBuilder hex = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 2) {
            char high = i + 1 < digits.length() ? digits.charAt(i + 1) : 'f';
            hex.append(high).append(digits.charAt(i));
        }
        return hex.toString();
    }
}
