/** Stops the services of global-setup, also after failing tests (jest always runs teardown). */
export default async function globalTeardown(): Promise<void> {
  await Promise.all((globalThis.__demarcheServices ?? []).map((s) => s.stop()));
  globalThis.__demarcheServices = undefined;
}
