package dev.ratel.jobs.generate;

import dev.ratel.formats.cdr.ParquetCdrWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes a month of realistic synthetic data over the sample plans: reference data in the
 * contract's CSV files and CDRs (canonical CSV, one file a day, and optionally Asterisk
 * {@code Master.csv} for the Russian PBX accounts' calls), with chosen shares of late, duplicate
 * and malformed records. The same settings and seed give byte-identical files.
 *
 * <p>Usage follows the plans: Keńse 15 SIMs call Beeline, other Kazakh operators, landlines and
 * Russia, send SMS and use data; Virtual PBX group numbers call Kazakh mobiles; Cloud PBX numbers
 * receive calls and forward them inside the account; «Простой бизнес» numbers call out and receive;
 * 8-800 numbers receive calls from every origin zone of the price list.
 */
public final class Generator {
    private static final ZoneId ALMATY = ZoneId.of("Asia/Almaty");
    private static final ZoneId MOSCOW = ZoneId.of("Europe/Moscow");
    private static final String[] PLANS = {"kense-15", "cloud-pbx-micro", "cloud-pbx-minimal", "cloud-pbx-basic",
        "cloud-pbx-standard", "cloud-pbx-professional", "prostoy-prosto", "prostoy-freephone-standard", "prostoy-profi", "prostoy-vip"};
    private static final int[] PLAN_WEIGHTS = {40, 5, 5, 5, 5, 5, 15, 10, 5, 5};
    private static final long[] BEELINE = {7705, 7706, 7771, 7776, 7777};
    private static final long[] OTHER_KZ_MOBILE = {7701, 7702, 7775, 7778, 7700, 7707, 7708, 7747};
    private static final long[] KZ_LANDLINE = {7727, 7717, 7712, 7721};
    private static final long[] SIP_AREAS = {7495, 7499, 7812, 7343, 7831, 7863, 7843};
    /** Caller origins of the 8-800 price list: Moscow, St Petersburg, Kazan, Nizhny Novgorod, Yekaterinburg, Samara, mobile. */
    private static final long[] FREEPHONE_ORIGINS = {7495, 7812, 78432, 783142, 73432, 7846302, 7916, 7903};
    private static final String[] NAME_STEMS = {"Алатау", "Северный Ветер", "Каспий", "Байтерек", "Волга", "Енисей", "Тулпар",
        "Сункар", "Нева", "Урал", "Арман", "Жетысу", "Кама", "Таймыр", "Орда", "Шанырак"};
    private static final String[] NAME_KINDS = {"Трейд", "Логистик", "Строй", "Медиа", "Сервис", "Агро", "Консалт", "Телеком"};
    private static final String HEADER = "record_id,source,service,direction,subscriber,other_party,start_time,duration_s,volume_bytes,sms_chars,sms_encoding";
    private static final DateTimeFormatter ASTERISK_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final GeneratorSettings settings;

    public Generator(GeneratorSettings settings) {
        this.settings = settings;
    }

    /** What was written. */
    public record Result(int accounts, int numbers, long cdrs, long lateRecords, long duplicateLines, long malformedLines,
                         List<Path> cdrFiles) {
    }

    private record Account(int index, String id, String plan, boolean kazakh) {
    }

    private record Number(long number, Account account, String kind, LocalDate activeFrom, LocalDate activeTo, int indexInAccount) {
    }

    public Result generate() throws IOException {
        SplittableRandom random = new SplittableRandom(settings.seed());
        Path reference = Files.createDirectories(settings.out().resolve("reference"));
        Path cdrDir = Files.createDirectories(settings.out().resolve("cdr"));
        YearMonth period = settings.period();
        LocalDate first = period.atDay(1);
        LocalDate last = period.atDay(settings.days());

        List<Account> accounts = new ArrayList<>();
        List<Number> numbers = new ArrayList<>();
        List<List<Number>> numbersOfAccount = new ArrayList<>();
        long[] counters = new long[8];
        try (CSVPrinter accountsCsv = printer(reference.resolve("accounts.csv"), "account_id", "customer_name", "tax_id", "plan_id", "payment_method", "opened_on");
             CSVPrinter numbersCsv = printer(reference.resolve("numbers.csv"), "number", "account_id", "kind", "active_from", "active_to");
             CSVPrinter statusCsv = printer(reference.resolve("number-status.csv"), "number", "status", "from");
             CSVPrinter optionsCsv = printer(reference.resolve("account-options.csv"), "account_id", "option_id", "quantity", "from", "to");
             CSVPrinter paymentsCsv = printer(reference.resolve("payments.csv"), "account_id", "paid_on", "amount", "reference");
             CSVPrinter customersCsv = printer(reference.resolve("customers.csv"), "account_id", "legal_address", "kpp", "contract_no",
                     "contract_date", "bank_name", "bank_bic", "correspondent_account", "bank_account", "kbe", "knp", "email",
                     "signer_position", "signer_name")) {
            for (int a = 0; a < settings.accounts(); a++) {
                String plan = pick(random, PLANS, PLAN_WEIGHTS);
                boolean kazakh = plan.equals("kense-15");
                Account account = new Account(a, String.format("A%06d", a + 1), plan, kazakh);
                accounts.add(account);
                LocalDate opened = first.minusMonths(1 + random.nextInt(24));
                String name = (kazakh ? "ТОО «" : "ООО «") + NAME_STEMS[random.nextInt(NAME_STEMS.length)] + " "
                        + NAME_KINDS[random.nextInt(NAME_KINDS.length)] + " " + (a + 1) + "»";
                String taxId = kazakh ? String.format("%012d", 100_000_000_000L + random.nextLong(899_999_999_999L))
                        : String.format("%010d", 1_000_000_000L + random.nextLong(8_999_999_999L));
                taxId = withCheckDigits(taxId, kazakh);
                accountsCsv.printRecord(account.id(), name, taxId, plan, random.nextInt(3) == 0 ? "ADVANCE" : "CREDIT", opened);
                writeCustomer(customersCsv, a, account.id(), kazakh, opened);
                List<Number> own = new ArrayList<>();
                for (String kind : numberKinds(random, plan)) {
                    long number = nextNumber(kind, kazakh, counters);
                    LocalDate from = random.nextInt(20) == 0 ? first.plusDays(random.nextInt(period.lengthOfMonth())) : opened;
                    LocalDate to = random.nextInt(30) == 0 ? first.plusDays(random.nextInt(period.lengthOfMonth())) : null;
                    if (to != null && to.isBefore(from)) {
                        to = from;
                    }
                    Number n = new Number(number, account, kind, from, to, own.size());
                    own.add(n);
                    numbers.add(n);
                    numbersCsv.printRecord(number, account.id(), kind, from, to == null ? "" : to);
                }
                numbersOfAccount.add(own);
                if (plan.startsWith("cloud-pbx")) {
                    writeCloudPbxOptions(random, account, opened, optionsCsv);
                    if (random.nextInt(20) == 0) {
                        LocalDate blocked = first.plusDays(5 + random.nextInt(10));
                        for (Number n : own) {
                            statusCsv.printRecord(n.number(), "BLOCKED_CUSTOMER", blocked);
                            statusCsv.printRecord(n.number(), "ACTIVE", blocked.plusDays(3 + random.nextInt(7)));
                        }
                    } else if (random.nextInt(30) == 0) {
                        statusCsv.printRecord(own.get(0).number(), "BLOCKED_DEBT", first.plusDays(random.nextInt(20)));
                    }
                }
                long paid = (kazakh ? 30_000 : 500) + random.nextInt(kazakh ? 40_000 : 8_000);
                paymentsCsv.printRecord(account.id(), first.plusDays(random.nextInt(period.lengthOfMonth())), paid + ".00",
                        "PP-" + (100_000 + a));
            }
        }
        Files.writeString(reference.resolve("exchange-rates.csv"), "date,pair,rate\n"
                + first.minusMonths(1) + ",USD/KZT,425.67\n" + first.minusMonths(1) + ",EUR/KZT,496.42\n"
                + first.minusMonths(1) + ",RUB/KZT,5.81\n", StandardCharsets.UTF_8);
        List<Number> usable = new ArrayList<>();
        for (Number n : numbers) {
            if (!n.activeFrom().isAfter(last) && (n.activeTo() == null || !n.activeTo().isBefore(first))) {
                usable.add(n);
            }
        }
        return writeCdrs(random, usable, numbersOfAccount, accounts, numbers.size(), cdrDir, first, last);
    }

    /** Writes the CDRs of {@code numbers}, each active on at least one day from {@code first} to {@code last}. */
    private Result writeCdrs(SplittableRandom random, List<Number> numbers, List<List<Number>> numbersOfAccount,
                             List<Account> accounts, int numberCount, Path cdrDir, LocalDate first, LocalDate last) throws IOException {
        int days = settings.days();
        List<Path> files = new ArrayList<>();
        LineSink[] daily = new LineSink[days + 1];
        for (int d = 0; d <= days; d++) {
            LocalDate day = first.plusDays(d);
            Path file = cdrDir.resolve("cdr-" + day + (d == days ? "-late" : "") + (settings.parquet() ? ".parquet" : ".csv"));
            files.add(file);
            daily[d] = settings.parquet() ? new ParquetSink(file) : new CsvSink(file);
        }
        Writer asterisk = null;
        if (settings.asterisk()) {
            Path file = settings.out().resolve("asterisk").resolve("Master-" + settings.period() + ".csv");
            Files.createDirectories(file.getParent());
            files.add(file);
            asterisk = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        }
        long late = 0;
        long duplicates = 0;
        long malformed = 0;
        StringBuilder line = new StringBuilder(192);
        try {
            for (long c = 0; c < settings.cdrs(); c++) {
                Number number = numbers.get(random.nextInt(numbers.size()));
                LocalDate from = number.activeFrom().isAfter(first) ? number.activeFrom() : first;
                LocalDate to = number.activeTo() != null && number.activeTo().isBefore(last) ? number.activeTo() : last;
                int day = from.getDayOfMonth() - 1 + random.nextInt(to.getDayOfMonth() - from.getDayOfMonth() + 1);
                int secondOfDay = random.nextInt(86_400);
                ZoneId zone = number.account().kazakh() ? ALMATY : MOSCOW;
                LocalDateTime start = first.plusDays(day).atStartOfDay().plusSeconds(secondOfDay);
                String source = number.account().kazakh() ? "msc-almaty" : "pbx-moscow";
                String recordId = source + "-" + (c + 1);
                line.setLength(0);
                boolean asteriskCall = event(random, number, numbersOfAccount.get(number.account().index()), line, recordId,
                        source, start, zone);
                if (asteriskCall && asterisk != null) {
                    writeAsterisk(random, asterisk, line, c + 1, start);
                    continue;
                }
                int target = day;
                if (random.nextDouble() < settings.lateShare()) {
                    target = days;
                    late++;
                }
                String text = line.toString();
                if (random.nextDouble() < settings.malformedShare()) {
                    text = malform(random, text);
                    malformed++;
                }
                daily[target].write(text);
                if (random.nextDouble() < settings.duplicateShare()) {
                    daily[Math.min(days, target + 1)].write(text);
                    duplicates++;
                }
            }
        } finally {
            for (LineSink sink : daily) {
                sink.close();
            }
            if (asterisk != null) {
                asterisk.close();
            }
        }
        return new Result(accounts.size(), numberCount, settings.cdrs(), late, duplicates, malformed, files);
    }

    /** Appends one canonical CDR line; returns true for a PBX call that may be written in Asterisk form instead. */
    private static boolean event(SplittableRandom random, Number number, List<Number> accountNumbers, StringBuilder line,
                                 String recordId, String source, LocalDateTime start, ZoneId zone) {
        String plan = number.account().plan();
        String time = start.atZone(zone).toOffsetDateTime().toString();
        if (time.length() == 22) {
            time = time.substring(0, 16) + ":00" + time.substring(16); // keep seconds even when they are zero
        }
        long duration = 5 + (long) (-Math.log(1 - random.nextDouble()) * 110);
        line.append(recordId).append(',').append(source).append(',');
        switch (number.kind()) {
            case "MOBILE": {
                int roll = random.nextInt(100);
                if (roll < 55) {
                    long to;
                    int where = random.nextInt(100);
                    if (where < 40) {
                        to = mobile(random, BEELINE);
                    } else if (where < 70) {
                        to = mobile(random, OTHER_KZ_MOBILE);
                    } else if (where < 80) {
                        to = KZ_LANDLINE[random.nextInt(KZ_LANDLINE.length)] * 10_000_000L + random.nextInt(10_000_000);
                    } else if (where < 85) {
                        to = 79_000_000_000L + random.nextLong(999_999_999L);
                    } else {
                        voice(line, "IN", number.number(), mobile(random, OTHER_KZ_MOBILE), time, duration);
                        return false;
                    }
                    voice(line, "OUT", number.number(), to, time, duration);
                } else if (roll < 75) {
                    long to = random.nextBoolean() ? mobile(random, BEELINE) : mobile(random, OTHER_KZ_MOBILE);
                    line.append("SMS,OUT,").append(number.number()).append(',').append(to).append(',').append(time)
                            .append(",,,").append(1 + random.nextInt(300)).append(random.nextInt(5) < 3 ? ",UCS2" : ",GSM7");
                } else {
                    long bytes = (long) Math.exp(7 + random.nextDouble() * 13);
                    line.append("DATA,OUT,").append(number.number()).append(",,").append(time).append(",,").append(bytes).append(",,");
                }
                return false;
            }
            case "VPBX_GROUP": {
                if (plan.equals("kense-15")) {
                    long to = random.nextInt(5) == 0 ? KZ_LANDLINE[random.nextInt(KZ_LANDLINE.length)] * 10_000_000L + random.nextInt(10_000_000)
                            : mobile(random, random.nextBoolean() ? BEELINE : OTHER_KZ_MOBILE);
                    voice(line, "OUT", number.number(), to, time, duration);
                    return false;
                }
                if (accountNumbers.size() > 1 && random.nextInt(5) < 2) {
                    // Forward inside the closed group, to a sibling number active that day.
                    LocalDate day = start.toLocalDate();
                    for (int step = 1; step < accountNumbers.size(); step++) {
                        Number other = accountNumbers.get((number.indexInAccount() + step) % accountNumbers.size());
                        if (!day.isBefore(other.activeFrom()) && (other.activeTo() == null || !day.isAfter(other.activeTo()))) {
                            voice(line, "FWD", number.number(), other.number(), time, duration);
                            return false;
                        }
                    }
                }
                voice(line, "IN", number.number(), 79_000_000_000L + random.nextLong(999_999_999L), time, duration);
                return true;
            }
            case "FREEPHONE": {
                long origin = FREEPHONE_ORIGINS[random.nextInt(FREEPHONE_ORIGINS.length)];
                long scale = 1;
                for (long o = origin; o < 10_000_000_000L; o *= 10) {
                    scale *= 10;
                }
                voice(line, "IN", number.number(), origin * scale + random.nextLong(scale), time, duration);
                return false;
            }
            default: {
                if (plan.equals("prostoy-prosto") && random.nextBoolean()) {
                    long to = random.nextBoolean() ? 74_950_000_000L + random.nextLong(10_000_000L) : 79_000_000_000L + random.nextLong(999_999_999L);
                    voice(line, "OUT", number.number(), to, time, duration);
                } else {
                    voice(line, "IN", number.number(), 79_000_000_000L + random.nextLong(999_999_999L), time, duration);
                }
                return true;
            }
        }
    }

    /** Where one day's canonical lines go. */
    private interface LineSink extends java.io.Closeable {
        void write(String line) throws IOException;
    }

    private static final class CsvSink implements LineSink {
        private final Writer out;

        CsvSink(Path file) throws IOException {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
            out.write(HEADER);
            out.write('\n');
        }

        @Override
        public void write(String line) throws IOException {
            out.write(line);
            out.write('\n');
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Generated lines hold no quotes and no commas inside fields, so a split gives the fields. */
    private static final class ParquetSink implements LineSink {
        private final ParquetCdrWriter out;

        ParquetSink(Path file) throws IOException {
            out = new ParquetCdrWriter(file);
        }

        @Override
        public void write(String line) throws IOException {
            out.write(line.split(",", -1));
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static void voice(StringBuilder line, String direction, long subscriber, long other, String time, long duration) {
        line.append("VOICE,").append(direction).append(',').append(subscriber).append(',').append(other).append(',')
                .append(time).append(',').append(duration).append(",,,");
    }

    private static long mobile(SplittableRandom random, long[] codes) {
        return codes[random.nextInt(codes.length)] * 10_000_000L + random.nextInt(10_000_000);
    }

    /** Rewrites a canonical voice line as an Asterisk Master.csv row (and sometimes an unanswered leg before it). */
    private static void writeAsterisk(SplittableRandom random, Writer out, StringBuilder canonical, long sequence,
                                      LocalDateTime start) throws IOException {
        String[] f = canonical.toString().split(",", -1);
        boolean inbound = f[3].equals("IN");
        String ours = "8" + f[4].substring(1);
        String theirs = "8" + f[5].substring(1);
        String src = inbound ? theirs : ours;
        String dst = inbound ? ours : theirs;
        String context = inbound ? "from-pstn" : "from-internal";
        long duration = Long.parseLong(f[7]);
        String uniqueId = (start.toEpochSecond(ZoneOffset.UTC) + 10_800) + "." + sequence;
        if (random.nextInt(10) == 0) {
            out.write(asteriskRow(src, dst, context, start, null, start.plusSeconds(20), 20, 0, "NO ANSWER", uniqueId, 0));
        }
        LocalDateTime answer = start.plusSeconds(3);
        out.write(asteriskRow(src, dst, context, start, answer, answer.plusSeconds(duration), duration + 3, duration, "ANSWERED", uniqueId, 1));
    }

    private static String asteriskRow(String src, String dst, String context, LocalDateTime start, LocalDateTime answer,
                                      LocalDateTime end, long duration, long billsec, String disposition, String uniqueId, int leg) {
        return "\"\",\"" + src + "\",\"" + dst + "\",\"" + context + "\",\"\"\"" + src + "\"\" <" + src + ">\",\"SIP/" + src
                + "-0000" + leg + "\",\"SIP/trunk-0000" + leg + "\",\"Dial\",\"SIP/trunk/" + dst + ",60\",\""
                + ASTERISK_TIME.format(start) + "\"," + (answer == null ? "" : "\"" + ASTERISK_TIME.format(answer) + "\"") + ",\""
                + ASTERISK_TIME.format(end) + "\"," + duration + "," + billsec + ",\"" + disposition + "\",\"DOCUMENTATION\",\""
                + uniqueId + "\",\"\",\"\",\"" + uniqueId + "\"," + leg + "\n";
    }

    /** Breaks a line so that it must be rejected: cut short, no offset, unknown service, '+' number, negative duration. */
    private static String malform(SplittableRandom random, String line) {
        int kind = random.nextInt(5);
        if (kind == 4 && line.contains(",VOICE,")) {
            return line.replaceFirst("(T\\d\\d:\\d\\d:\\d\\d[^,]*),(\\d+)", "$1,-$2");
        }
        switch (kind) {
            case 1: return line.replaceFirst("\\+0[35]:00", "");
            case 2: return line.replace("VOICE", "VOIC").replace("SMS", "SNS").replace("DATA", "DAT");
            case 3: return line.replaceFirst(",7", ",+7");
            default: return line.substring(0, line.length() / 2);
        }
    }

    private static List<String> numberKinds(SplittableRandom random, String plan) {
        List<String> kinds = new ArrayList<>();
        if (plan.equals("kense-15")) {
            int sims = 8 + random.nextInt(11);
            for (int i = 0; i < sims; i++) {
                kinds.add("MOBILE");
            }
            if (random.nextInt(10) < 6) {
                kinds.add("VPBX_GROUP");
            }
        } else if (plan.startsWith("cloud-pbx")) {
            int count = 1 + random.nextInt(6);
            for (int i = 0; i < count; i++) {
                kinds.add("VPBX_GROUP");
            }
        } else if (plan.equals("prostoy-freephone-standard")) {
            kinds.add("FREEPHONE");
        } else {
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                kinds.add("SIP");
            }
        }
        return kinds;
    }

    /** Numbers from disjoint ranges: Beeline SIMs and group numbers, Moscow group numbers, SIP numbers by area, 8-800. */
    private static long nextNumber(String kind, boolean kazakh, long[] counters) {
        switch (kind) {
            case "MOBILE": return 77_050_100_000L + counters[0]++;
            case "VPBX_GROUP": return kazakh ? 77_060_100_000L + counters[1]++ : 74_951_000_000L + counters[4]++;
            case "FREEPHONE": return 78_001_000_000L + counters[2]++;
            default: {
                long n = counters[3]++;
                return SIP_AREAS[(int) (n % SIP_AREAS.length)] * 10_000_000L + 2_000_000 + n;
            }
        }
    }

    private static void writeCloudPbxOptions(SplittableRandom random, Account account, LocalDate opened, CSVPrinter csv) throws IOException {
        csv.printRecord(account.id(), "employees", 1 + random.nextInt(30), opened, "");
        csv.printRecord(account.id(), "multichannel-channels", 10 + random.nextInt(40), opened, "");
        csv.printRecord(account.id(), "concurrent-lines", 3 + random.nextInt(6), opened, "");
        String[] options = {"call-recording", "storage-5gb", "crm-connector-amocrm-bitrix24", "smart-forwarding",
            "call-center-5-licences", "external-pbx-sip"};
        for (String option : options) {
            if (random.nextInt(4) == 0) {
                csv.printRecord(account.id(), option, 1, opened, "");
            }
        }
    }

    /**
     * The drawn tax id with its last digit made the check digit (ИНН, or БИН/ИИН), so customers.csv's checks pass; a БИН
     * whose eleven digits give no check digit has its eleventh digit moved on. No random numbers are drawn here, so the
     * rest of a generated month stays as it was.
     */
    static String withCheckDigits(String drawn, boolean kazakh) {
        String stem = drawn.substring(0, drawn.length() - 1);
        for (int attempt = 0; attempt < 10; attempt++) {
            for (char last = '0'; last <= '9'; last++) {
                String candidate = stem + last;
                if (dev.ratel.core.account.LegalIds.taxIdProblem(candidate, kazakh ? "KZ" : "RU") == null) {
                    return candidate;
                }
            }
            char eleventh = stem.charAt(stem.length() - 1);
            stem = stem.substring(0, stem.length() - 1) + (char) ('0' + (eleventh - '0' + 1) % 10);
        }
        throw new IllegalStateException("no check digit for " + drawn);
    }

    private static final String[] KAZAKH_STREETS = {"пр. Абая", "ул. Толе би", "ул. Сатпаева", "пр. Достык"};
    private static final String[] RUSSIAN_STREETS = {"ул. Тверская", "ул. Садовая", "пр. Мира", "ул. Лесная"};
    private static final String[] KAZAKH_SIGNERS = {"Сейтов Б. К.", "Ахметова Д. Е.", "Нурланов А. С."};
    private static final String[] RUSSIAN_SIGNERS = {"Иванов П. С.", "Смирнова О. В.", "Козлов Д. А."};

    /** The account's customers.csv row: address, contract, bank account with valid control digits, e-mail, signer. */
    private static void writeCustomer(CSVPrinter customers, int index, String accountId, boolean kazakh, LocalDate opened) throws IOException {
        String[] streets = kazakh ? KAZAKH_STREETS : RUSSIAN_STREETS;
        String street = streets[index % streets.length] + ", " + (index % 200 + 1);
        String serial = String.format("%011d", 10_000_000_000L + index + 1);
        if (kazakh) {
            String iik = null;
            for (int check = 0; check < 100 && iik == null; check++) {
                String candidate = String.format("KZ%02d125KZT%s", check, serial.substring(1));
                iik = dev.ratel.core.account.LegalIds.iikProblem(candidate) == null ? candidate : null;
            }
            customers.printRecord(accountId, "Республика Казахстан, г. Алматы, " + street, "", "Д-" + (index + 1) + "/" + opened.getYear(),
                    opened, "АО «Народный Банк Казахстана»", "HSBKKZKX", "", iik, "17", "", "buh@" + accountId.toLowerCase() + ".example.kz",
                    "Директор", KAZAKH_SIGNERS[index % KAZAKH_SIGNERS.length]);
        } else {
            String account = null;
            for (char key = '0'; key <= '9' && account == null; key++) {
                String candidate = "40702810" + key + serial;
                account = dev.ratel.core.account.LegalIds.settlementAccountProblem(candidate, "044525225") == null ? candidate : null;
            }
            customers.printRecord(accountId, "Российская Федерация, г. Москва, " + street, "773601001", (index + 1) + "/" + opened.getYear(),
                    opened, "ПАО Сбербанк", "044525225", "30101810400000000225", account, "", "", "buh@" + accountId.toLowerCase() + ".example.ru",
                    "Генеральный директор", RUSSIAN_SIGNERS[index % RUSSIAN_SIGNERS.length]);
        }
    }

    private static String pick(SplittableRandom random, String[] values, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    private static CSVPrinter printer(Path file, String... header) throws IOException {
        BufferedWriter writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
        return new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader(header).setRecordSeparator('\n').get());
    }
}
