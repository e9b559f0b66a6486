// What a person reads of a chat turn (server-rendered markup): the demo model's answer reads as
// one sentence (numbers from the rows are bold, not interrupted), the SQL is in a <details>, the
// rows are a table, and a number by category gets the bar chart.
import { renderToStaticMarkup } from "react-dom/server";
import { ChatTurn } from "@/components/chat/chat-turn";

const result = {
  sql: "SELECT category, count(*) AS cases FROM cases WHERE status = 'OPEN' GROUP BY 1",
  ok: true,
  columns: ["category", "cases"],
  rows: [
    ["(none)", 20],
    ["Potholesm3x9", 1],
  ],
  rowCount: 2,
  truncated: false,
};
const textOf = (html: string) => html.replace(/<[^>]+>/g, "").replace(/&quot;/g, '"');

describe("ChatTurn", () => {
  it("renders the answer as one readable sentence with the SQL, the table and the chart", () => {
    const html = renderToStaticMarkup(
      <ChatTurn
        turn={{
          question: "How many open cases per category?",
          answer:
            "Demo AI (offline): the query returned 2 rows. (none) [category] 20 [cases]; Potholesm3x9 [category] 1 [cases].",
          result,
        }}
      />,
    );
    expect(textOf(html)).toContain("Demo AI (offline): the query returned 2 rows. (none) category 20 cases");
    expect(html).not.toContain("not in the rows");
    expect(html).toContain("<details");
    expect(html).toContain("SQL that ran");
    expect(html).toContain("<table");
    expect(html).toContain('aria-label="Bar chart: cases by category"');
  });

  it("marks a number the rows do not contain", () => {
    const html = renderToStaticMarkup(
      <ChatTurn turn={{ question: "q", answer: "There are 45 open cases [cases].", result }} />,
    );
    expect(textOf(html)).toContain("45 (not in the rows)");
    expect(html).toContain("Underlined numbers are not in the rows");
  });

  it("a refused question shows the refused SQL and no table", () => {
    const html = renderToStaticMarkup(
      <ChatTurn
        turn={{
          question: "q",
          answer: "I could not answer that safely: Only SELECT is allowed; this is DELETE.",
          result: { ...result, ok: false, reason: "Only SELECT", columns: [], rows: [], rowCount: 0 },
        }}
      />,
    );
    expect(html).toContain("SQL that was refused");
    expect(html).not.toContain("<table");
    expect(html).not.toContain("not in the rows");
  });
});
