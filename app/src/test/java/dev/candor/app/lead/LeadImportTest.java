package dev.candor.app.lead;

import dev.candor.app.storage.LeadStore.LeadData;
import dev.candor.app.storage.LeadStore.LeadRow;
import dev.candor.dialog.qualification.Lead;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeadImportTest {
    private final LeadImport importer = new LeadImport(new PhoneNumbers("1"), ZoneId.of("America/Chicago"));

    @Test
    void csvRowsBecomeLeadsWithExtraColumnsAsAttributes() {
        String csv = "\uFEFFphone,name,company,time_zone,vip,interest,gender,age,location,source\r\n"
                + "+1 555 555 0142,\"Reyes, Dana\",Reyes Logistics,America/New_York,yes,\"asked about \"\"call recording\"\"\",female,41,Austin,web\r\n"
                + "\r\n"
                + "555-555-0143,Sam Lee,,,,,,,,\n";

        LeadImport.Result result = importer.fromCsv(csv);

        assertThat(result.errors()).isEmpty();
        assertThat(result.leads()).hasSize(2);
        LeadData dana = result.leads().get(0);
        assertThat(dana.phone()).isEqualTo("+15555550142");
        assertThat(dana.name()).isEqualTo("Reyes, Dana");
        assertThat(dana.vip()).isTrue();
        assertThat(dana.interest()).isEqualTo("asked about \"call recording\"");
        assertThat(dana.timeZone()).isEqualTo("America/New_York");
        assertThat(dana.attributes()).containsEntry("gender", "female").containsEntry("age", "41")
                .containsEntry("location", "Austin").containsEntry("source", "web");
        LeadData sam = result.leads().get(1);
        assertThat(sam.phone()).isEqualTo("+15555550143");
        assertThat(sam.timeZone()).as("company.time-zone by default").isEqualTo("America/Chicago");
        assertThat(sam.vip()).isFalse();
    }

    @Test
    void badRowsAreLeftOutAndNamed() {
        LeadImport.Result result = importer.fromCsv("phone,time_zone,vip\nabc,,\n+15555550142,Mars/Base,\n"
                + "+15555550143,,maybe\n+15555550144,,\n");

        assertThat(result.leads()).extracting(LeadData::phone).containsExactly("+15555550144");
        assertThat(result.errors()).containsExactly(
                "row 2: invalid phone: \"abc\" (expected an E.164 number such as +15550100, or a national number with leads.default-country-code set)",
                "row 3: invalid time_zone: \"Mars/Base\" (expected an IANA zone such as America/New_York)",
                "row 4: invalid vip: \"maybe\" (expected true or false)");
    }

    @Test
    void aCsvWithoutAPhoneColumnOrWithAnOpenQuoteIsRefused() {
        assertThatThrownBy(() -> importer.fromCsv("name,company\nDana,Reyes\n")).hasMessageContaining("phone column");
        assertThatThrownBy(() -> importer.fromCsv("phone,name\n+15555550142,\"Dana\n")).hasMessageContaining("not closed");
    }

    @Test
    void theChatLeadFileFormatImportsTooAndTheDialogLeadKeepsProtectedAttributesAside() {
        LeadData data = importer.fromLead(new Lead("Dana Reyes", "Reyes Logistics", "+15555550142", "female", 41,
                "Austin, Texas", "asked for a demo", true));
        Lead back = LeadImport.toDialogLead(new LeadRow(7, data, Instant.EPOCH, Instant.EPOCH));

        assertThat(back).isEqualTo(new Lead("Dana Reyes", "Reyes Logistics", "+15555550142", "female", 41,
                "Austin, Texas", "asked for a demo", true));
        assertThat(data.attributes()).containsOnlyKeys("gender", "age", "location");
        assertThat(List.of(data.timeZone())).containsExactly("America/Chicago");
    }
}
