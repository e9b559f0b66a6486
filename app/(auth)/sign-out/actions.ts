"use server";
import { signOut } from "@/lib/auth/auth";
import { publicAction } from "@/lib/auth/guard";

export const signOutAction = publicAction(async (): Promise<void> => {
  await signOut({ redirectTo: "/sign-in" });
});
