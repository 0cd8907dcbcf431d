import net from 'node:net';

/**
 * A loopback port nothing listens on: one the system just handed out and that was closed again. Discovery
 * tests point the servers they do not run at such ports, so what this machine runs cannot answer.
 */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Discovery settings with every known server on a closed port, then `ports` for the ones a test runs. */
export async function discoveryEnv(ports: Partial<Record<'OLLAMA' | 'LLAMA_CPP' | 'LM_STUDIO' | 'VLLM', number>> = {}): Promise<Record<string, string>> {
  const env: Record<string, string> = { SPARKPAD_DISCOVER: 'true' };
  for (const name of ['OLLAMA', 'LLAMA_CPP', 'LM_STUDIO', 'VLLM'] as const) {
    env[`SPARKPAD_DISCOVER_${name}_PORT`] = String(ports[name] ?? (await closedPort()));
  }
  return env;
}
