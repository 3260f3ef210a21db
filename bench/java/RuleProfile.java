// Where LanguageTool spends its time: its own analysis (tokenizing, tagging,
// disambiguation) against each rule, over the texts in a directory (one file per
// document). Run by bench/languagetool_profile.py; uses LanguageTool's public API only.
//
//   java -cp LT_CLASSPATH:. RuleProfile TEXT_DIR DISABLED_RULES_FILE PASSES TOP

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.languagetool.AnalyzedSentence;
import org.languagetool.JLanguageTool;
import org.languagetool.Languages;
import org.languagetool.rules.Rule;
import org.languagetool.rules.TextLevelRule;

public class RuleProfile {
  public static void main(String[] args) throws Exception {
    List<String> texts = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of(args[0]))) {
      for (Path file : files.sorted().toList()) texts.add(Files.readString(file));
    }
    Set<String> disabled = new HashSet<>(Files.readAllLines(Path.of(args[1])));
    int passes = Integer.parseInt(args[2]);
    int top = Integer.parseInt(args[3]);
    long started = System.nanoTime();
    JLanguageTool tool = new JLanguageTool(Languages.getLanguageForShortCode("en-US"));
    for (String id : disabled) if (!id.isBlank()) tool.disableRule(id);
    List<Rule> rules = tool.getAllActiveRules();
    System.out.printf("start-up %.2f s, %d active rules, %d texts%n",
        (System.nanoTime() - started) / 1e9, rules.size(), texts.size());
    for (int pass = 0; pass < passes; pass++) {
      Map<String, Long> cost = new HashMap<>();
      Map<String, Integer> matches = new HashMap<>();
      long analysis = 0;
      long passStart = System.nanoTime();
      for (String text : texts) {
        long t = System.nanoTime();
        List<AnalyzedSentence> sentences = tool.analyzeText(text);
        analysis += System.nanoTime() - t;
        for (Rule rule : rules) {
          long r = System.nanoTime();
          int found = 0;
          if (rule instanceof TextLevelRule textRule) {
            found = textRule.match(sentences).length;
          } else {
            for (AnalyzedSentence sentence : sentences) found += rule.match(sentence).length;
          }
          cost.merge(rule.getId(), System.nanoTime() - r, Long::sum);
          matches.merge(rule.getId(), found, Integer::sum);
        }
      }
      long total = System.nanoTime() - passStart;
      long ruleTotal = total - analysis;
      System.out.printf("%npass %d (%s): %.2f s; analysis %.2f s (%.0f %%), rules %.2f s (%.0f %%)%n",
          pass + 1, pass == 0 ? "cold JVM" : "warm", total / 1e9, analysis / 1e9,
          100.0 * analysis / total, ruleTotal / 1e9, 100.0 * ruleTotal / total);
      cost.entrySet().stream()
          .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
          .limit(top)
          .forEach(e -> System.out.printf("  %-42s %7.3f s %5.1f %% of rules %6d matches%n",
              e.getKey(), e.getValue() / 1e9, 100.0 * e.getValue() / ruleTotal,
              matches.get(e.getKey())));
    }
  }
}
