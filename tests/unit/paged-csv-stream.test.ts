// The mechanism both CSV exports stream through (lib/csv/paged-stream.ts): the first page is
// produced before a stream exists; a later failure errors the stream and is logged.
import { pagedCsvStream, type CsvPage } from "@/lib/csv/paged-stream";
import { logger } from "@/lib/log/logger";

const pages = (...steps: Array<CsvPage | Error>) => {
  let i = 0;
  return async () => {
    const step = steps[i++]!;
    if (step instanceof Error) throw step;
    return step;
  };
};

async function read(stream: ReadableStream<Uint8Array>) {
  const decoder = new TextDecoder();
  let text = "";
  try {
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) text += decoder.decode(chunk);
    return { text, error: null };
  } catch (error) {
    return { text, error };
  }
}

const options = {
  header: "a,b\r\n",
  log: { event: "x.export_failed" },
  failureMessage: "export failed after the download had started",
};

test("pages stream in order and the stream closes after the last", async () => {
  const stream = await pagedCsvStream({
    ...options,
    nextPage: pages({ text: "1,2\r\n", last: false }, { text: "3,4\r\n", last: true }),
  });
  expect(await read(stream)).toEqual({ text: "a,b\r\n1,2\r\n3,4\r\n", error: null });
});

test("a failing first page rejects before any stream exists", async () => {
  await expect(pagedCsvStream({ ...options, nextPage: pages(new Error("cannot decrypt")) })).rejects.toThrow(
    "cannot decrypt",
  );
});

test("a failing later page errors the stream, after the pages before it, and is logged", async () => {
  const logged = jest.spyOn(logger, "error").mockImplementation(() => undefined);
  try {
    const stream = await pagedCsvStream({
      ...options,
      nextPage: pages({ text: "1,2\r\n", last: false }, new Error("cannot decrypt")),
    });
    const { text, error } = await read(stream);
    expect(text).toBe("a,b\r\n1,2\r\n");
    expect(error).toEqual(new Error("cannot decrypt"));
    expect(logged).toHaveBeenCalledWith(
      expect.objectContaining({ event: "x.export_failed" }),
      "export failed after the download had started",
    );
  } finally {
    logged.mockRestore();
  }
});
