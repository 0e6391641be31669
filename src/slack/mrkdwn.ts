/**
 * Slack's mrkdwn treats only `&`, `<` and `>` as control characters. Escaping them
 * (ampersand first) is what stops catalog or user text from becoming `<!channel>`,
 * a `<@U…>` mention or a disguised `<https://…|…>` link.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/**
 * `<!date^…>` shows a time in each reader's own zone; the fallback (already
 * readable text, escaped here) is what clients that cannot render it show.
 */
export function slackDate(instant: Date, format: string, fallback: string): string {
  const unix = Math.floor(instant.getTime() / 1000);
  return `<!date^${unix}^${format}|${escapeMrkdwn(fallback)}>`;
}
