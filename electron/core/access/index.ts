/** Private shares: secrets, locators and proofs (share-secret.ts), and which roots are private (share-keys.ts). */
export { ShareKeys, proverOf } from './share-keys.js'
export { newSecret, locatorOf, boundProof, boundProofMatches } from './share-secret.js'
