/**
 * Runs a short command against the profile's engine: its daemon when one
 * runs, else an engine started in this process just for the command.
 */
import type { ProfileCommand } from '../args.js'
import type { CliIo } from '../io.js'
import { openSession, type Session } from '../session.js'

/** Opens a session, runs `fn`, and closes the session whatever happens. */
export async function withSession<T> (command: ProfileCommand, io: CliIo, fn: (session: Session) => Promise<T>): Promise<T> {
  const session = await openSession(command, io)
  try {
    return await fn(session)
  } finally {
    await session.close()
  }
}
