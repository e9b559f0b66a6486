// The browser side of the import API (app/api/tenants/[tenant]/citizens/imports/…). Errors
// come back as {"error":{code,message,details}}; they are thrown as ImportApiError with the
// server's message, which is written for people.
import {
  PREVIEW_MAX_BYTES,
  type ImportJobView,
  type ImportMapping,
  type ImportPreview,
  type ImportReportRow,
} from "@/lib/citizens/import/schemas";

/** A job as JSON: dates are ISO strings. */
export type ImportJob = Omit<ImportJobView, "createdAt" | "finishedAt"> & {
  createdAt: string;
  finishedAt: string | null;
};
export type ReportPage = { rows: ImportReportRow[]; nextCursor: string | null };

export class ImportApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
  }
}

const base = (slug: string) => `/api/tenants/${encodeURIComponent(slug)}/citizens/imports`;

function errorFrom(status: number, body: unknown): ImportApiError {
  const error = (body as { error?: { message?: string; details?: { fieldErrors?: Record<string, string[]> } } } | null)
    ?.error;
  const fallback =
    status >= 500 ? "Something went wrong on our side. Try again in a moment." : `The request failed (${status}).`;
  return new ImportApiError(error?.message ?? fallback, status, error?.details?.fieldErrors ?? {});
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, { cache: "no-store", ...init });
  } catch {
    throw new ImportApiError("The server could not be reached. Check your connection and try again.", 0);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) throw errorFrom(res.status, body);
  return body as T;
}

/** Header, first rows and a suggested mapping; only the file's first bytes are sent. */
export function previewFile(slug: string, file: File): Promise<ImportPreview> {
  return request(`${base(slug)}/preview`, {
    method: "POST",
    headers: { "content-type": "text/csv" },
    body: file.slice(0, PREVIEW_MAX_BYTES),
  });
}

/**
 * Sends the whole file for validation and resolves with the job when every row is checked.
 * XMLHttpRequest rather than fetch: it reports upload progress, which fetch cannot.
 */
export function uploadFile(
  slug: string,
  input: { file: File; mapping: ImportMapping; jobId: string },
  onUploadProgress: (fraction: number) => void,
): { done: Promise<ImportJob>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const params = new URLSearchParams({
    fileName: input.file.name,
    mapping: JSON.stringify(input.mapping),
    jobId: input.jobId,
  });
  const done = new Promise<ImportJob>((resolve, reject) => {
    xhr.open("POST", `${base(slug)}?${params.toString()}`);
    xhr.setRequestHeader("content-type", "text/csv");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onUploadProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve((xhr.response as { job: ImportJob }).job);
      else reject(errorFrom(xhr.status, xhr.response));
    };
    xhr.onerror = () =>
      reject(new ImportApiError("The upload was interrupted. Check your connection and try again.", 0));
    xhr.onabort = () => reject(new ImportApiError("The upload was stopped.", 0));
    xhr.send(input.file);
  });
  return { done, abort: () => xhr.abort() };
}

/** The job, or null while the upload has not created it yet. */
export async function fetchJob(slug: string, jobId: string): Promise<ImportJob | null> {
  try {
    return (await request<{ job: ImportJob }>(`${base(slug)}/${jobId}`)).job;
  } catch (err) {
    if (err instanceof ImportApiError && err.status === 404) return null;
    throw err;
  }
}

export function fetchReport(
  slug: string,
  jobId: string,
  kind: "invalid" | "duplicates",
  cursor: string | null,
): Promise<ReportPage> {
  const params = new URLSearchParams({ kind, limit: "50" });
  if (cursor) params.set("cursor", cursor);
  return request(`${base(slug)}/${jobId}/rows?${params.toString()}`);
}

export async function commitJob(
  slug: string,
  jobId: string,
  body: { mode: "all" | "valid_only"; skipDuplicates: boolean },
): Promise<ImportJob> {
  return (
    await request<{ job: ImportJob }>(`${base(slug)}/${jobId}/commit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    })
  ).job;
}

export async function cancelJob(slug: string, jobId: string): Promise<ImportJob> {
  return (await request<{ job: ImportJob }>(`${base(slug)}/${jobId}`, { method: "DELETE" })).job;
}

/**
 * About how many rows the file has (line breaks minus the header), for a determinate progress
 * bar while the server validates. Reads the file locally in chunks; a quoted value with line
 * breaks makes it an over-estimate, which the bar tolerates (it is capped, and the final
 * count comes from the server).
 */
export async function estimateRows(file: File): Promise<number> {
  const reader = file.stream().getReader();
  let breaks = 0;
  let last = 10;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (let i = 0; i < value.length; i += 1) if (value[i] === 10) breaks += 1;
    if (value.length > 0) last = value[value.length - 1]!;
  }
  const lines = breaks + (last === 10 ? 0 : 1);
  return Math.max(1, lines - 1);
}
