package dev.ratel.core.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The packed form of customers.csv's details: the bytes as the class draws them, and back. */
class CustomerDirectoryTest {
    @Test
    void shouldPackEachCustomerAsItsValuesEndedByNulAndGiveThemBack() {
        CustomerDetails details = new CustomerDetails("K1", new Requisites("г. Алматы", "", "АО «Kaspi Bank»", "CASPKZKA", "",
                "KZ86125KZT5004100100", "17", "", "buh@alatau.kz"), "Д-15/24", LocalDate.of(2024, 1, 10), "Директор", "Сейтов Б. К.");
        byte[] packed = CustomerDirectory.pack(details);
        assertThat(new String(packed, StandardCharsets.UTF_8)).isEqualTo("г. Алматы\0\0АО «Kaspi Bank»\0CASPKZKA\0\0KZ86125KZT5004100100\0"
                + "17\0\0buh@alatau.kz\0Д-15/24\0002024-01-10\0Директор\0Сейтов Б. К.\0");
        CustomerDirectory directory = new CustomerDirectory();
        directory.put("K1", details);
        assertThat(directory.get("K1")).isEqualTo(details);
        assertThat(directory.get("K2")).isNull();
        CustomerDetails noContract = new CustomerDetails("K3", Requisites.NONE, "", null, "", "");
        directory.put("K3", noContract);
        assertThat(directory.get("K3")).isEqualTo(noContract);
        assertThat(directory.size()).isEqualTo(2);
    }
}
