"use client";
// The user's signed-in browsers, with revoke buttons. Revoking the current session signs this
// browser out, so that one sends the user to sign-in afterwards.
import { useRouter } from "next/navigation";
import { revokeOtherSessionsAction, revokeSessionAction } from "@/app/(dashboard)/[tenant]/settings/security/actions";
import { ConfirmActionButton } from "@/components/forms/confirm-action-button";
import { Badge } from "@/components/ui/badge";
import { useFormat } from "@/components/format/format-provider";
import { formatDate, formatRelative } from "@/lib/format/format";

export type SessionItem = {
  id: string;
  device: string;
  ip: string | null;
  method: string;
  createdAt: string;
  lastSeenAt: string;
  current: boolean;
};

const METHOD_LABELS: Record<string, string> = {
  credentials: "Password",
  password: "Password",
  github: "GitHub",
  google: "Google",
  oidc: "Single sign-on",
};

export function SessionsList({ sessions, now }: { sessions: SessionItem[]; now: number }) {
  const format = useFormat();
  const router = useRouter();
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="flex flex-col gap-4">
      <ul className="divide-y divide-border" aria-label="Active sessions">
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
            <div className="text-sm">
              <div className="font-medium text-foreground">
                {s.device}{" "}
                {s.current ? (
                  <Badge tone="green" className="ml-1">
                    This browser
                  </Badge>
                ) : null}
              </div>
              <div className="text-muted-foreground">
                {METHOD_LABELS[s.method] ?? s.method} · {s.ip ?? "address unknown"} · signed in{" "}
                {formatDate(new Date(s.createdAt), format)} · last active{" "}
                <time dateTime={s.lastSeenAt}>{formatRelative(new Date(s.lastSeenAt), new Date(now), format)}</time>
              </div>
            </div>
            <ConfirmActionButton
              label={s.current ? "Sign out" : "Revoke"}
              confirmLabel={s.current ? "Sign out now" : "Revoke"}
              accessibleName={`session on ${s.device}`}
              run={() => revokeSessionAction({ sessionId: s.id })}
              onDone={(r) => {
                if (r.ok && s.current) router.push("/sign-in");
              }}
            />
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <div>
          <ConfirmActionButton
            label="Sign out all other sessions"
            confirmLabel={`Sign out ${others} other session${others === 1 ? "" : "s"}`}
            variant="danger"
            run={() => revokeOtherSessionsAction({})}
          />
        </div>
      ) : (
        <p className="text-sm text-muted-foreground">No other browser is signed in to your account.</p>
      )}
    </div>
  );
}
