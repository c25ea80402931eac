/** A node of {@link WaitQueue}; keep it to remove the entry later. */
export interface WaitNode<T> {
  readonly value: T
  prev: WaitNode<T> | undefined
  next: WaitNode<T> | undefined
  /** False once shifted or removed. */
  queued: boolean
}

/**
 * A FIFO queue with O(1) push, shift and removal of any entry, for the pool's
 * waiting sends (an aborted or timed-out waiter leaves from the middle).
 */
export class WaitQueue<T> {
  #head: WaitNode<T> | undefined
  #tail: WaitNode<T> | undefined
  #size = 0

  /** Number of entries queued. */
  get size(): number {
    return this.#size
  }

  /** Appends `value`; returns its node for {@link remove}. */
  push(value: T): WaitNode<T> {
    const node: WaitNode<T> = { value, prev: this.#tail, next: undefined, queued: true }
    if (this.#tail) this.#tail.next = node
    else this.#head = node
    this.#tail = node
    this.#size++
    return node
  }

  /** The oldest entry, left in place. */
  peek(): T | undefined {
    return this.#head?.value
  }

  /** Removes and returns the oldest entry. */
  shift(): T | undefined {
    const node = this.#head
    if (!node) return undefined
    this.remove(node)
    return node.value
  }

  /** Removes `node` if still queued; returns whether it was. */
  remove(node: WaitNode<T>): boolean {
    if (!node.queued) return false
    node.queued = false
    if (node.prev) node.prev.next = node.next
    else this.#head = node.next
    if (node.next) node.next.prev = node.prev
    else this.#tail = node.prev
    node.prev = node.next = undefined
    this.#size--
    return true
  }

  /** Removes and returns every entry, oldest first. */
  drain(): T[] {
    const out: T[] = []
    for (let v = this.shift(); v !== undefined; v = this.shift()) out.push(v)
    return out
  }
}
