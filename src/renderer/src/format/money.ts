/** Sign class of an amount for colouring: 'pos' above zero, 'neg' below, 'flat' at zero. */
export function signClass(amount: number): 'pos' | 'neg' | 'flat' {
  if (amount > 0) return 'pos';
  if (amount < 0) return 'neg';
  return 'flat';
}
