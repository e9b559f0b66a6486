import { redirect } from "next/navigation";
import { landingPathFor } from "@/lib/auth/landing";
import { requireUserOrRedirect } from "@/lib/auth/session";

/** Where an OAuth sign-in without a destination lands: the user's first organisation. */
export default async function ContinueAfterSignIn() {
  const user = await requireUserOrRedirect("/sign-in/continue");
  redirect(await landingPathFor(user.email));
}
