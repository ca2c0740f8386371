package dev.taskwire.qrs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class XrfkeyTest {

  @Test
  void makesSixteenLettersAndDigits() {
    assertThat(Xrfkey.next()).matches("[A-Za-z0-9]{16}");
  }

  @Test
  void makesAFreshKeyEachTime() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      keys.add(Xrfkey.next());
    }

    assertThat(keys).hasSize(10_000);
  }

  @Test
  void usesTheWholeAlphabet() {
    Set<Character> seen = new HashSet<>();
    for (int i = 0; i < 2_000; i++) {
      for (char c : Xrfkey.next().toCharArray()) {
        seen.add(c);
      }
    }

    assertThat(seen).hasSize(62);
  }
}
