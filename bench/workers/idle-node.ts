/**
 * The idle-instance baseline: a Node process that does nothing but say it
 * is ready and wait, i.e. the floor any Node program starts from.
 */
process.stdout.write(`${JSON.stringify({ ready: true })}\n`)
process.stdin.resume()
process.stdin.once('end', () => process.exit(0))
