/** The plan check's findings as text for a terminal, markdown for a PR comment, or JSON. */
import type { Finding } from "./plan-check";

/** The output formats of `plan-check --format`. */
export const REPORT_FORMATS = ["text", "markdown", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Renders findings; `checked` is how many planned changes were looked at. */
export function renderReport(findings: readonly Finding[], format: ReportFormat, checked: number): string {
  const refused = findings.filter((f) => f.severity === "refused").length;
  const warnings = findings.length - refused;
  if (format === "json") return `${JSON.stringify({ refused, warnings, checked, findings }, null, 2)}\n`;
  const verdict =
    refused > 0
      ? `${refused} change${refused === 1 ? "" : "s"} will be refused by \`pulumi up\``
      : `nothing will be refused by \`pulumi up\``;
  const summary = `${verdict}${warnings ? `, ${warnings} warning${warnings === 1 ? "" : "s"}` : ""} (${checked} planned change${checked === 1 ? "" : "s"} checked against the live state)`;
  if (format === "markdown") {
    const lines = [`### Tencent CSS plan check: ${refused ? "❌" : "✅"} ${summary}`];
    if (findings.length) {
      lines.push("", "| | resource | finding |", "|---|---|---|");
      for (const f of findings) lines.push(`| ${f.severity === "refused" ? "❌ refused" : "⚠️ warning"} | \`${f.resource}\` | ${escapeCell(f.message)} |`);
    }
    return `${lines.join("\n")}\n`;
  }
  const lines = findings.map((f) => `${f.severity === "refused" ? "refused" : "warning"}: ${f.resource}: ${f.message}`);
  lines.push(summary);
  return `${lines.join("\n")}\n`;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}
