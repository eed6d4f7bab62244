package io.demandcast.connectors.schema;

import java.util.ArrayList;
import java.util.List;

/**
 * A small, independent reader of the {@code CREATE TABLE} statements demandcast writes for Hive and
 * BigQuery, for tests: it tokenizes the SQL text itself (comments, backtick identifiers,
 * backslash-escaped string literals) and recovers each table's name, columns (name, type, NOT NULL
 * and its modifiers, comment) and table clauses, without using the renderers it checks. It accepts
 * only the shapes those renderers are meant to produce and fails on anything else.
 */
public final class DdlParser {
  private DdlParser() {}

  /** One column definition. */
  public record ParsedColumn(
      String name, String type, boolean notNull, List<String> constraintModifiers, String comment) {}

  /**
   * One {@code CREATE TABLE IF NOT EXISTS} statement.
   *
   * @param path the table path's identifiers, e.g. [{@code ${database}}, {@code erp_sales}] (Hive)
   *     or [{@code ${dataset}.erp_sales}] (BigQuery, one quoted path)
   * @param columns the column list
   * @param comment the table comment (Hive {@code COMMENT}, BigQuery {@code OPTIONS(description)})
   * @param partitionColumns Hive {@code PARTITIONED BY} columns, else empty
   * @param storedAs Hive {@code STORED AS} format, else null
   * @param partitionBy BigQuery {@code PARTITION BY} expression, tokens joined by single spaces
   *     (identifiers keep their backticks), else null
   * @param clusterBy BigQuery {@code CLUSTER BY} columns, else empty
   */
  public record ParsedTable(
      List<String> path,
      List<ParsedColumn> columns,
      String comment,
      List<ParsedColumn> partitionColumns,
      String storedAs,
      String partitionBy,
      List<String> clusterBy) {

    /** The last identifier of the path, after its last dot. */
    public String name() {
      String last = path.get(path.size() - 1);
      return last.substring(last.lastIndexOf('.') + 1);
    }

    /** The column names in order. */
    public List<String> columnNames() {
      return columns.stream().map(ParsedColumn::name).toList();
    }
  }

  private enum Kind {
    WORD,
    QUOTED_ID,
    STRING,
    SYMBOL
  }

  private record Token(Kind kind, String text) {
    boolean is(String word) {
      return (kind == Kind.WORD && text.equalsIgnoreCase(word))
          || (kind == Kind.SYMBOL && text.equals(word));
    }

    String source() {
      return kind == Kind.QUOTED_ID ? "`" + text + "`" : text;
    }
  }

  /** Parses every statement of a script. */
  public static List<ParsedTable> parse(String sql) {
    Cursor cursor = new Cursor(tokenize(sql));
    List<ParsedTable> tables = new ArrayList<>();
    while (!cursor.done()) {
      tables.add(statement(cursor));
      cursor.expect(";");
    }
    return tables;
  }

  /** Parses one statement, with or without a trailing semicolon. */
  public static ParsedTable parseOne(String sql) {
    List<ParsedTable> tables = parse(sql.strip().endsWith(";") ? sql : sql + ";");
    if (tables.size() != 1) {
      throw new IllegalArgumentException("expected one statement, found " + tables.size());
    }
    return tables.get(0);
  }

  private static ParsedTable statement(Cursor c) {
    c.expect("CREATE");
    c.expect("TABLE");
    c.expect("IF");
    c.expect("NOT");
    c.expect("EXISTS");
    List<String> path = new ArrayList<>();
    path.add(c.identifier());
    while (c.peek().is(".")) {
      c.next();
      path.add(c.identifier());
    }
    List<ParsedColumn> columns = columnList(c);
    String comment = null;
    List<ParsedColumn> partitionColumns = List.of();
    String storedAs = null;
    String partitionBy = null;
    List<String> clusterBy = List.of();
    while (!c.peek().is(";")) {
      Token t = c.next();
      if (t.is("COMMENT")) {
        comment = c.string();
      } else if (t.is("PARTITIONED")) {
        c.expect("BY");
        partitionColumns = columnList(c);
      } else if (t.is("STORED")) {
        c.expect("AS");
        storedAs = c.word();
      } else if (t.is("PARTITION")) {
        c.expect("BY");
        List<String> expression = new ArrayList<>();
        while (!c.peek().is("CLUSTER") && !c.peek().is("OPTIONS") && !c.peek().is(";")) {
          expression.add(c.next().source());
        }
        partitionBy = String.join(" ", expression);
      } else if (t.is("CLUSTER")) {
        c.expect("BY");
        List<String> names = new ArrayList<>();
        names.add(c.identifier());
        while (c.peek().is(",")) {
          c.next();
          names.add(c.identifier());
        }
        clusterBy = names;
      } else if (t.is("OPTIONS")) {
        comment = descriptionOption(c);
      } else {
        throw new IllegalArgumentException("unexpected '" + t.text() + "' after the column list");
      }
    }
    return new ParsedTable(
        path, columns, comment, partitionColumns, storedAs, partitionBy, clusterBy);
  }

  private static List<ParsedColumn> columnList(Cursor c) {
    c.expect("(");
    List<ParsedColumn> columns = new ArrayList<>();
    do {
      columns.add(column(c));
    } while (c.nextIf(","));
    c.expect(")");
    return columns;
  }

  private static ParsedColumn column(Cursor c) {
    String name = c.identifier();
    String type = c.word();
    boolean notNull = false;
    List<String> modifiers = new ArrayList<>();
    String comment = null;
    while (!c.peek().is(",") && !c.peek().is(")")) {
      Token t = c.next();
      if (t.is("NOT")) {
        c.expect("NULL");
        notNull = true;
      } else if (t.is("ENABLE") || t.is("DISABLE") || t.is("VALIDATE") || t.is("NOVALIDATE")
          || t.is("RELY") || t.is("NORELY")) {
        if (!notNull) {
          throw new IllegalArgumentException(t.text() + " without a constraint in column " + name);
        }
        modifiers.add(t.text().toUpperCase(java.util.Locale.ROOT));
      } else if (t.is("COMMENT")) {
        comment = c.string();
      } else if (t.is("OPTIONS")) {
        comment = descriptionOption(c);
      } else {
        throw new IllegalArgumentException("unexpected '" + t.text() + "' in column " + name);
      }
    }
    return new ParsedColumn(name, type, notNull, List.copyOf(modifiers), comment);
  }

  /** {@code ( description = 'text' )}, the only option demandcast sets. */
  private static String descriptionOption(Cursor c) {
    c.expect("(");
    c.expect("description");
    c.expect("=");
    String text = c.string();
    c.expect(")");
    return text;
  }

  // ------------------------------------------------------------------ tokens

  private static List<Token> tokenize(String sql) {
    List<Token> tokens = new ArrayList<>();
    int i = 0;
    while (i < sql.length()) {
      char ch = sql.charAt(i);
      if (Character.isWhitespace(ch)) {
        i++;
      } else if (sql.startsWith("--", i)) {
        while (i < sql.length() && sql.charAt(i) != '\n') {
          i++;
        }
      } else if (ch == '`') {
        StringBuilder id = new StringBuilder();
        i++;
        while (true) {
          if (i >= sql.length()) {
            throw new IllegalArgumentException("unterminated quoted identifier");
          }
          char d = sql.charAt(i);
          if (d == '`' && i + 1 < sql.length() && sql.charAt(i + 1) == '`') {
            id.append('`');
            i += 2;
          } else if (d == '`') {
            i++;
            break;
          } else {
            id.append(d);
            i++;
          }
        }
        tokens.add(new Token(Kind.QUOTED_ID, id.toString()));
      } else if (ch == '\'') {
        StringBuilder text = new StringBuilder();
        i++;
        while (true) {
          if (i >= sql.length()) {
            throw new IllegalArgumentException("unterminated string literal");
          }
          char d = sql.charAt(i);
          if (d == '\'') {
            i++;
            break;
          }
          if (d == '\\') {
            char e = sql.charAt(i + 1);
            switch (e) {
              case 'n' -> text.append('\n');
              case 'r' -> text.append('\r');
              case 't' -> text.append('\t');
              case '\\', '\'', '"' -> text.append(e);
              case 'u' -> {
                text.append((char) Integer.parseInt(sql.substring(i + 2, i + 6), 16));
                i += 4;
              }
              default -> throw new IllegalArgumentException("unknown escape \\" + e);
            }
            i += 2;
          } else {
            text.append(d);
            i++;
          }
        }
        tokens.add(new Token(Kind.STRING, text.toString()));
      } else if (Character.isLetterOrDigit(ch) || ch == '_' || ch == '$') {
        int start = i;
        if (ch == '$') {
          // a ${name} placeholder outside quotes reads as one word
          i = sql.indexOf('}', i) + 1;
        } else {
          while (i < sql.length()
              && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
            i++;
          }
        }
        tokens.add(new Token(Kind.WORD, sql.substring(start, i)));
      } else if ("(),;.=".indexOf(ch) >= 0) {
        tokens.add(new Token(Kind.SYMBOL, String.valueOf(ch)));
        i++;
      } else {
        throw new IllegalArgumentException("unexpected character '" + ch + "'");
      }
    }
    return tokens;
  }

  private static final class Cursor {
    private final List<Token> tokens;
    private int at;

    Cursor(List<Token> tokens) {
      this.tokens = tokens;
    }

    boolean done() {
      return at >= tokens.size();
    }

    Token peek() {
      if (done()) {
        throw new IllegalArgumentException("unexpected end of the script");
      }
      return tokens.get(at);
    }

    Token next() {
      Token t = peek();
      at++;
      return t;
    }

    boolean nextIf(String symbol) {
      if (!done() && peek().is(symbol)) {
        at++;
        return true;
      }
      return false;
    }

    void expect(String word) {
      Token t = next();
      if (!t.is(word)) {
        throw new IllegalArgumentException("expected " + word + ", found '" + t.text() + "'");
      }
    }

    String identifier() {
      Token t = next();
      if (t.kind() != Kind.QUOTED_ID && t.kind() != Kind.WORD) {
        throw new IllegalArgumentException("expected an identifier, found '" + t.text() + "'");
      }
      return t.text();
    }

    String word() {
      Token t = next();
      if (t.kind() != Kind.WORD) {
        throw new IllegalArgumentException("expected a word, found '" + t.text() + "'");
      }
      return t.text();
    }

    String string() {
      Token t = next();
      if (t.kind() != Kind.STRING) {
        throw new IllegalArgumentException("expected a string literal, found '" + t.text() + "'");
      }
      return t.text();
    }
  }
}
