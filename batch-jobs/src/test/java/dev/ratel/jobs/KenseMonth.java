package dev.ratel.jobs;

import dev.ratel.core.account.ReferenceData;
import dev.ratel.core.money.ExchangeRates;
import dev.ratel.core.tariff.TariffPlan;
import dev.ratel.formats.reference.ReferenceDataLoader;
import dev.ratel.formats.reference.TaxRatesCsv;
import dev.ratel.formats.tariff.TariffLoader;
import dev.ratel.jobs.ingest.CdrFormat;
import dev.ratel.jobs.ingest.Ingest;
import dev.ratel.jobs.ingest.IngestSettings;
import dev.ratel.jobs.rate.RateRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * A hand-worked May 2024 of one Keńse 15 company (account K1), ingested and rated into
 * {@code dir/home}: 16 SIMs 77051110001..16 and the Virtual PBX group number 77061110000; SIM 01
 * calls Kcell for 100 + 100 + 1 minutes and sends 101 SMS, one past each allowance; SIM 02 talks
 * 10 minutes on-net.
 */
public record KenseMonth(Map<String, TariffPlan> plans, ReferenceData reference) {
    public static final String KCELL = "77011234567";
    public static final Clock JUNE = Clock.fixed(Instant.parse("2024-06-03T00:00:00Z"), ZoneOffset.UTC);

    public static KenseMonth rated(Path dir) throws Exception {
        Path ref = Files.createDirectories(dir.resolve("reference"));
        Files.writeString(ref.resolve("accounts.csv"), "account_id,customer_name,tax_id,plan_id,payment_method,opened_on\n"
                + "K1,ТОО «Алатау Қызмет»,800800800800,kense-15,CREDIT,2024-01-01\n");
        StringBuilder numbers = new StringBuilder("number,account_id,kind,active_from,active_to\n");
        for (int i = 1; i <= 16; i++) {
            numbers.append(String.format("770511100%02d,K1,MOBILE,2024-01-01,%n", i));
        }
        numbers.append("77061110000,K1,VPBX_GROUP,2024-01-01,\n");
        Files.writeString(ref.resolve("numbers.csv"), numbers);
        Map<String, TariffPlan> plans = new TariffLoader(TaxRatesCsv.shipped()).loadDirectory(Path.of("../samples/tariffs"));
        ReferenceData reference = new ReferenceDataLoader(plans).load(ref);

        StringBuilder cdrs = new StringBuilder("record_id,source,service,direction,subscriber,other_party,start_time,duration_s,"
                + "volume_bytes,sms_chars,sms_encoding\n");
        // SIM 01: 100 + 100 + 1 minutes to Kcell = 201 minutes, one past the 200 included
        cdrs.append("c1,msc,VOICE,OUT,77051110001," + KCELL + ",2024-05-02T10:00:00+05:00,6000,,,\n");
        cdrs.append("c2,msc,VOICE,OUT,77051110001," + KCELL + ",2024-05-03T10:00:00+05:00,6000,,,\n");
        cdrs.append("c3,msc,VOICE,OUT,77051110001," + KCELL + ",2024-05-04T10:00:00+05:00,60,,,\n");
        // SIM 01: 101 short SMS to Kcell, one past the 100 included
        for (int i = 0; i < 101; i++) {
            cdrs.append(String.format("s%d,smsc,SMS,OUT,77051110001,%s,2024-05-10T12:%02d:%02d+05:00,,,20,GSM7%n", i, KCELL, i / 60, i % 60));
        }
        // SIM 02: 10 minutes on-net, unlimited
        cdrs.append("c4,msc,VOICE,OUT,77051110002,77051110003,2024-05-05T10:00:00+05:00,600,,,\n");
        Path cdr = Files.createDirectories(dir.resolve("cdr"));
        Files.writeString(cdr.resolve("may.csv"), cdrs);
        new Ingest(IngestSettings.defaults(dir.resolve("home"), CdrFormat.CANONICAL, null).withClock(JUNE))
                .run(List.of(cdr), null, n -> { });
        new RateRun(dir.resolve("home"), plans, reference, ExchangeRates.none()).run(n -> { });
        return new KenseMonth(plans, reference);
    }
}
