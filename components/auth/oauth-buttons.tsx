import { oauthSignInAction } from "@/app/(auth)/sign-in/actions";
import { Button } from "@/components/ui/button";

type Props = { providers: Array<{ id: string; name: string }>; callbackUrl?: string };

/** One button per configured OAuth/OIDC provider; nothing at all when none is configured. */
export function OAuthButtons({ providers, callbackUrl }: Props) {
  if (providers.length === 0) return null;
  return (
    <div className="mt-6 flex flex-col gap-3">
      <div className="flex items-center gap-3 text-xs text-muted-foreground uppercase">
        <span className="h-px flex-1 bg-border" />
        or
        <span className="h-px flex-1 bg-border" />
      </div>
      {providers.map((p) => (
        <form key={p.id} action={oauthSignInAction}>
          <input type="hidden" name="provider" value={p.id} />
          {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
          <Button type="submit" variant="secondary" className="w-full">
            Continue with {p.name}
          </Button>
        </form>
      ))}
    </div>
  );
}
