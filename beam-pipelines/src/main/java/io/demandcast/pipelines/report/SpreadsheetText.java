package io.demandcast.pipelines.report;

/**
 * The one rule that keeps a spreadsheet from evaluating text of the report as a formula (CSV or
 * formula injection, OWASP): text starting with {@code =}, {@code +}, {@code -}, {@code @}, a tab or
 * a carriage return is what Excel, LibreOffice and Google Sheets may take for a formula.
 *
 * <p>In CSV such text gets a single quote in front ({@link #forCsv}); a spreadsheet then shows it
 * as text. In the workbook it stays a string cell with its text unchanged, and the cell's style is
 * quote-prefixed ({@link #isFormulaLike} says which), as Excel marks text typed with a leading
 * {@code '}: neither shown as nor turned into a formula when the cell is edited. Numbers are never
 * text here: a negative number stays a number.
 */
public final class SpreadsheetText {
  private SpreadsheetText() {}

  /** Whether a spreadsheet may take {@code text} for a formula: it starts with = + - @ tab or CR. */
  public static boolean isFormulaLike(String text) {
    if (text == null || text.isEmpty()) {
      return false;
    }
    char first = text.charAt(0);
    return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t'
        || first == '\r';
  }

  /** {@code text} for a CSV field: with a {@code '} in front when {@link #isFormulaLike}. */
  public static String forCsv(String text) {
    return isFormulaLike(text) ? "'" + text : text;
  }
}
