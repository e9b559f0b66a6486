"use client";
// The platform admin's audited forms (credits, prices, billing re-sync): useForm over an action
// that takes the FormData, starting empty, and emptied again once the action succeeds (what was
// typed stays on an error, as everywhere).
import { useEffect } from "react";
import type { z } from "zod";
import { useForm } from "@/components/forms/use-form";

export function useAdminForm<S extends { ok: boolean }>(action: (data: FormData) => Promise<S>, schema: z.ZodType) {
  const form = useForm({
    action: (_prev: S | null, data: FormData) => action(data),
    initialState: null,
    schema,
  });
  const { state, formRef } = form;
  useEffect(() => {
    if (state?.ok) formRef.current?.reset();
  }, [state, formRef]);
  return form;
}
