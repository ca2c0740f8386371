package dev.taskwire.qrs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UriEncodingTest {

  @Test
  void encodesAnAmpersandSoThatItCannotEndTheValue() {
    assertThat(UriEncoding.component("Extract&Transform")).isEqualTo("Extract%26Transform");
  }

  @Test
  void encodesNonAsciiAsUtf8AndASpaceAsPercent20() {
    assertThat(UriEncoding.component("Försäljning – daglig"))
        .isEqualTo("F%C3%B6rs%C3%A4ljning%20%E2%80%93%20daglig");
  }

  @Test
  void encodesQuotesHashPlusAndSlash() {
    assertThat(UriEncoding.component("name eq 'O''Brien \"daily\" #1 + a/b'"))
        .isEqualTo("name%20eq%20%27O%27%27Brien%20%22daily%22%20%231%20%2B%20a%2Fb%27");
  }

  @Test
  void keepsUnreservedCharacters() {
    assertThat(UriEncoding.component("AZaz09-._~")).isEqualTo("AZaz09-._~");
  }

  @Test
  void joinsParametersInOrderIntoAQueryThatDecodesBackToTheValues() {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("filter", "name eq 'A & B #2'");
    parameters.put("xrfkey", "abcdefghijklmnop");

    String query = UriEncoding.query(parameters);

    assertThat(query)
        .isEqualTo("filter=name%20eq%20%27A%20%26%20B%20%232%27&xrfkey=abcdefghijklmnop");
    URI uri = URI.create("https://qlik:4242/qrs/task/full?" + query);
    assertThat(uri.getRawFragment()).isNull();
    assertThat(
            URLDecoder.decode(uri.getRawQuery().split("&")[0].substring(7), StandardCharsets.UTF_8))
        .isEqualTo("name eq 'A & B #2'");
  }
}
