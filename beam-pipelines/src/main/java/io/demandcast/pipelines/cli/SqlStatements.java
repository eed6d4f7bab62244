package io.demandcast.pipelines.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements at the semicolons that end them: those outside quoted strings,
 * quoted identifiers, dollar-quoted strings and comments. A statement's text excludes its
 * semicolon; stretches holding only whitespace and comments are no statement.
 *
 * <p>DuckDB's JDBC driver runs only the last statement of a multi-statement string for its result,
 * so the prompt and the script mode split first and run each statement on its own. No SQL parsing
 * beyond the lexical states above: the database reports any syntax error.
 */
final class SqlStatements {
  private SqlStatements() {}

  /**
   * One statement of a script.
   *
   * @param sql its text without the ending semicolon, trimmed
   * @param line the 1-based line, within the split text, of its first character that is no
   *     whitespace or comment
   */
  record Statement(String sql, int line) {}

  /**
   * The statements of {@code text} and what follows the last one.
   *
   * @param statements every statement ended by a semicolon, in order
   * @param rest the text after the last ending semicolon (may be blank or only comments)
   * @param restLine the line of {@code rest}'s first character that is no whitespace or comment, 0
   *     when it has none
   */
  record Split(List<Statement> statements, String rest, int restLine) {
    /** Whether the text after the last semicolon holds anything besides whitespace and comments. */
    boolean hasIncompleteStatement() {
      return restLine > 0;
    }
  }

  /** Splits {@code text}; never fails, an unclosed quote or comment runs to the end of it. */
  static Split split(String text) {
    List<Statement> statements = new ArrayList<>();
    int start = 0;
    int codeLine = 0; // line of the current statement's first code character, 0 before it
    int line = 1;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      char next = i + 1 < n ? text.charAt(i + 1) : '\0';
      if (c == '\n') {
        line++;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '-' && next == '-') {
        i = indexOrEnd(text, "\n", i + 2);
      } else if (c == '/' && next == '*') {
        int end = indexOrEnd(text, "*/", i + 2);
        line += newlines(text, i, end);
        i = Math.min(n, end + 2);
      } else if (c == ';') {
        if (codeLine > 0) {
          statements.add(new Statement(text.substring(start, i).trim(), codeLine));
        }
        start = i + 1;
        codeLine = 0;
        i++;
      } else {
        if (codeLine == 0) {
          codeLine = line;
        }
        int end = switch (c) {
          case '\'', '"' -> closingQuote(text, c, i + 1);
          case '$' -> dollarQuoteEnd(text, i);
          default -> i + 1;
        };
        line += newlines(text, i, end);
        i = end;
      }
    }
    return new Split(statements, text.substring(start), codeLine);
  }

  /** The index after the quote closing a string opened before {@code from}; a doubled quote is part of the string. */
  private static int closingQuote(String text, char quote, int from) {
    int i = from;
    while (i < text.length()) {
      if (text.charAt(i) == quote) {
        if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    return text.length();
  }

  /** After a {@code $tag$ ... $tag$} string starting at {@code at}; a lone {@code $} (a parameter) is one character. */
  private static int dollarQuoteEnd(String text, int at) {
    int i = at + 1;
    while (i < text.length()
        && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
      i++;
    }
    if (i >= text.length() || text.charAt(i) != '$'
        || (i > at + 1 && Character.isDigit(text.charAt(at + 1)))) {
      return at + 1; // $1, a positional parameter, or a lone $
    }
    String tag = text.substring(at, i + 1);
    int end = text.indexOf(tag, i + 1);
    return end < 0 ? text.length() : end + tag.length();
  }

  private static int indexOrEnd(String text, String what, int from) {
    int at = text.indexOf(what, from);
    return at < 0 ? text.length() : at;
  }

  private static int newlines(String text, int from, int to) {
    int count = 0;
    for (int i = from; i < Math.min(to, text.length()); i++) {
      if (text.charAt(i) == '\n') {
        count++;
      }
    }
    return count;
  }
}
