// Times in the development mailbox: date and time to the second (several emails often arrive in
// the same minute), in UTC so the server's time zone does not matter.
export function formatMailTime(date: Date): string {
  return (
    new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "UTC" }).format(date) +
    " UTC"
  );
}
