package io.coxswain.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** limit and continue page through a list in name order, as clients with --chunk-size do. */
@ExtendWith({LocalCluster.class, TestNamespace.class})
class ListPagingIT {
    private static final TestNamespace NS = TestNamespace.of(ListPagingIT.class);
    private static final Pattern NAME = Pattern.compile("\"name\":\"(page-\\d)\"");
    private static final Pattern CONTINUE = Pattern.compile("\"continue\":\"([^\"]+)\"");

    @Test
    void limitAndContinueVisitEveryObjectOnce() {
        String api = LocalCluster.get().masterUrl(2) + NS.apiPath("configmaps");
        for (int i = 1; i <= 5; i++) {
            assertThat(Http.send("POST", api, "application/json", "{\"metadata\":{\"name\":\"page-" + i
                    + "\",\"labels\":{\"suite\":\"paging\"}}}").code()).isEqualTo(201);
        }
        List<String> names = new ArrayList<>();
        String next = "";
        int pages = 0;
        do {
            String body = Http.get(api + "?labelSelector=suite%3Dpaging&limit=2" + (next.isEmpty() ? ""
                    : "&continue=" + next)).body();
            Matcher name = NAME.matcher(body);
            while (name.find()) {
                names.add(name.group(1));
            }
            Matcher token = CONTINUE.matcher(body);
            next = token.find() ? token.group(1) : "";
            pages++;
        } while (!next.isEmpty() && pages < 10);
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("page-1", "page-2", "page-3", "page-4", "page-5");
        assertThat(NS.kubectl("get", "cm", "-l", "suite=paging", "--chunk-size=2", "-o", "name")
                .assertOk().stdout().lines()).hasSize(5);
        Http.send("DELETE", api + "?labelSelector=suite%3Dpaging", null, null);
    }
}
