// Shown wherever AI output appears while the app runs on the offline demo model (AI_DEMO=1,
// `npm run dev:demo-ai`): its answers are made up from the prompt's data, not a model's.
export function DemoAiBadge() {
  return (
    <span
      className="inline-flex items-center rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-400/15 dark:text-amber-200"
      title="Answers come from a local stand-in that echoes the case's data, not from Claude"
    >
      Demo AI — offline
    </span>
  );
}
