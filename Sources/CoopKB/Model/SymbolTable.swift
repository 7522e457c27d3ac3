#if canImport(Glibc)
import Glibc
#endif

/// Ids interned straight from byte ranges, compared without regard to case (or as written, for words).
/// Each symbol may be defined by one element; a symbol can also be named before it is defined.
///
/// A slot keeps the key's hash, its symbol and, for keys of up to 15 bytes (most ids), the key itself: a lookup
/// then touches one slot and nothing else. Longer keys are compared in `keyBytes`.
struct SymbolTable {
    struct Slot {
        /// (hash << 32) | (symbol + 1); 0 when empty.
        var tag: UInt64
        /// The key's first 8 bytes.
        var k0: UInt64
        /// Bytes 8 to 14, and the length in the top byte (0xFF: longer than 15 bytes).
        var k1: UInt64
    }
    private var slots: [Slot] = []
    private var capacity = 0
    /// Keys, one after another, folded when `foldCase`.
    private(set) var keyBytes: [UInt8] = []
    /// (start << 24) | length of each symbol's key in `keyBytes`; a length of `longKey` or more is kept in `longLengths`.
    private var keyRange: [UInt64] = []
    /// The lengths of keys of 16 MiB or more, which do not fit in `keyRange`'s 24 bits, by symbol.
    private var longLengths: [Int32: Int] = [:]
    private static let longKey = 0xFF_FFFF
    /// The element each symbol names, once defined.
    var definition: [ElementRef?] = []
    /// Whether keys are compared without regard to case (ids) or as written (words).
    let foldCase: Bool

    init(capacity: Int = 1024, foldCase: Bool = true) {
        self.foldCase = foldCase
        self.capacity = max(16, capacity + capacity / 3)
        slots = HugePages.zeroed(Slot.self, count: self.capacity)
    }

    var count: Int { keyRange.count }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    @inline(__always)
    func fold(_ b: UInt8) -> UInt8 { foldCase && b &- 0x41 < 26 ? b | 0x20 : b }

    /// Eight bytes with their ASCII capitals made small (when `foldCase`), all at once: a byte gets 0x20 added when
    /// its low seven bits are 'A'...'Z' and its top bit is clear (bytes of UTF-8 sequences stay as they are).
    @inline(__always)
    func foldWord(_ x: UInt64) -> UInt64 {
        if !foldCase { return x }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low = x & (0x7F * ones)
        let atLeastA = low &+ (0x80 - 0x41) * ones
        let pastZ = low &+ (0x80 - 0x5B) * ones
        let upper = atLeastA & ~pastZ & ~x & (0x80 * ones)
        return x | (upper >> 2)
    }

    /// Up to eight bytes of `p` from `at` (`count` of them, 1...8), as a little-endian word, zero above them.
    @inline(__always)
    static func word(_ p: UnsafeBufferPointer<UInt8>, _ at: Int, _ count: Int) -> UInt64 {
        let base = p.baseAddress! + at
        if count == 8 { return UnsafeRawPointer(base).loadUnaligned(as: UInt64.self) }
        var w: UInt64 = 0
        var k = count - 1
        while k >= 0 { w = w << 8 | UInt64(base[k]); k -= 1 }
        return w
    }

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var h = x
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        h ^= h >> 32
        return h
    }

    /// The hash of a key and its packed first bytes (folded), read eight bytes at a time.
    @inline(__always)
    func digest(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (hash: UInt32, k0: UInt64, k1: UInt64) {
        let len = end - start
        var k0: UInt64 = 0, k1: UInt64 = 0
        if len > 0 { k0 = foldWord(SymbolTable.word(p, start, min(len, 8))) }
        if len > 8 { k1 = foldWord(SymbolTable.word(p, start + 8, min(len - 8, 7))) }
        k1 |= UInt64(len <= 15 ? len : 0xFF) << 56
        var h = (k0 &* 0x9E37_79B9_7F4A_7C15) ^ k1
        if len > 15 {
            // A long key: every byte counts, eight at a time from byte 15, with the length.
            var i = start + 15
            while i < end {
                let n = min(end - i, 8)
                h = (h ^ foldWord(SymbolTable.word(p, i, n))) &* 0x100_0000_01b3 &+ UInt64(n)
                h = h ^ (h >> 31)
                i += n
            }
            h ^= UInt64(len) &* 0xff51_afd7_ed55_8ccd
        }
        h = SymbolTable.mix(h)
        return (UInt32(truncatingIfNeeded: h) | 1, k0, k1)
    }

    @inline(__always)
    func home(_ h: UInt32) -> Int { Int((UInt64(h) &* UInt64(capacity)) >> 32) }

    /// Whether the long key of `sym` equals `p[start..<end]`.
    @inline(__always)
    private func longKeyEquals(_ sym: Int, _ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let r = keyRange[sym]
        let len = end - start
        guard keyLength(sym, r) == len else { return false }
        let ks = Int(r >> 24)
        return keyBytes.withUnsafeBufferPointer { kb in
            var j = 0
            while j < len && kb[ks + j] == fold(p[start + j]) { j += 1 }
            return j == len
        }
    }

    @inline(__always)
    private func find(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ d: (hash: UInt32, k0: UInt64, k1: UInt64)) -> (slot: Int, symbol: Int32?) {
        var i = home(d.hash)
        while true {
            let s = slots[i]
            if s.tag == 0 { return (i, nil) }
            if UInt32(truncatingIfNeeded: s.tag >> 32) == d.hash && s.k0 == d.k0 && s.k1 == d.k1 {
                let sym = Int(UInt32(truncatingIfNeeded: s.tag)) - 1
                if d.k1 >> 56 != 0xFF || longKeyEquals(sym, p, start, end) { return (i, Int32(sym)) }
            }
            i += 1
            if i == capacity { i = 0 }
        }
    }

    /// The symbol of the id in `p[start..<end]` (ASCII case folded), added when new.
    mutating func intern(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        let d = digest(p, start, end)
        let (slot, found) = find(p, start, end, d)
        if let found { return found }
        let sym = Int32(keyRange.count)
        let length = end - start
        if length >= SymbolTable.longKey { longLengths[sym] = length }
        keyRange.append(UInt64(keyBytes.count) << 24 | UInt64(min(length, SymbolTable.longKey)))
        definition.append(nil)
        let from = keyBytes.count
        keyBytes.append(contentsOf: UnsafeBufferPointer(rebasing: p[start..<end]))
        if foldCase { keyBytes.withUnsafeMutableBufferPointer { k in for j in from..<k.count { k[j] = SymbolTable.lower(k[j]) } } }
        slots[slot] = Slot(tag: UInt64(d.hash) << 32 | UInt64(sym + 1), k0: d.k0, k1: d.k1)
        if keyRange.count * 4 > capacity * 3 { grow() }
        return sym
    }

    /// How many symbols fit before the table grows.
    var room: Int { capacity * 3 / 4 - keyRange.count }

    /// The symbol of an id given as a string, added when new.
    mutating func intern(_ id: String) -> Int32 {
        let key = self.key(id)
        return key.withUnsafeBufferPointer { intern($0, 0, $0.count) }
    }

    /// The symbol of the id in `p[start..<end]` (ASCII), when it is known; never adds.
    func lookup(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int32? {
        find(p, start, end, digest(p, start, end)).symbol
    }

    /// Looks up many ASCII ids at once: id `i` is `length(i)` bytes at `start(i)` in `bytes(i)`; writes its symbol,
    /// or -1, to `result[i]`. Lookups go in batches, phase by phase, so that the memory accesses of a batch
    /// overlap instead of waiting for one another.
    @inline(__always)
    func lookup(count n: Int, bytes: (Int) -> UnsafeBufferPointer<UInt8>, start: (Int) -> Int, length: (Int) -> Int,
                result: UnsafeMutableBufferPointer<Int32>) {
        let batch = 16
        var digests = [(hash: UInt32, k0: UInt64, k1: UInt64)](repeating: (0, 0, 0), count: batch)
        var first = [Slot](repeating: Slot(tag: 0, k0: 0, k1: 0), count: batch)
        slots.withUnsafeBufferPointer { slots in
            var lo = 0
            while lo < n {
                let hi = min(n, lo + batch)
                // Phase 1: digests, and the home slot of each (independent loads).
                for i in lo..<hi {
                    let p = bytes(i), s = start(i)
                    let d = digest(p, s, s + length(i))
                    digests[i - lo] = d
                    first[i - lo] = slots[home(d.hash)]
                }
                // Phase 2: compare, probing further only on a collision or a long key.
                for k in 0..<(hi - lo) {
                    let i = lo + k
                    let d = digests[k]
                    var slot = home(d.hash)
                    var v = first[k]
                    var found: Int32 = -1
                    while v.tag != 0 {
                        if UInt32(truncatingIfNeeded: v.tag >> 32) == d.hash && v.k0 == d.k0 && v.k1 == d.k1 {
                            let sym = Int(UInt32(truncatingIfNeeded: v.tag)) - 1
                            if d.k1 >> 56 != 0xFF { found = Int32(sym); break }
                            let p = bytes(i), s = start(i)
                            if longKeyEquals(sym, p, s, s + length(i)) { found = Int32(sym); break }
                        }
                        slot += 1
                        if slot == capacity { slot = 0 }
                        v = slots[slot]
                    }
                    result[i] = found
                }
                lo = hi
            }
        }
    }

    /// The symbol of an id, when some element or reference has named it.
    func lookup(_ id: String) -> Int32? {
        let key = self.key(id)
        return key.withUnsafeBufferPointer { p -> Int32? in lookup(p, 0, p.count) }
    }

    /// The bytes an id is compared by: lower case (any script) for ids, as written for words.
    func key(_ id: String) -> [UInt8] {
        if !foldCase { return Array(id.utf8) }
        var ascii = true
        for b in id.utf8 where b >= 0x80 { ascii = false; break }
        return ascii ? id.utf8.map(SymbolTable.lower) : Array(id.lowercased().utf8)
    }

    private mutating func grow() {
        let old = slots
        capacity *= 2
        slots = HugePages.zeroed(Slot.self, count: capacity)
        for s in old where s.tag != 0 {
            var i = home(UInt32(truncatingIfNeeded: s.tag >> 32))
            while slots[i].tag != 0 { i += 1; if i == capacity { i = 0 } }
            slots[i] = s
        }
    }

    /// The key of a symbol, as stored (folded for ids).
    func key(of sym: Int32) -> ArraySlice<UInt8> {
        let r = keyRange[Int(sym)]
        let start = Int(r >> 24)
        return keyBytes[start..<(start + keyLength(Int(sym), r))]
    }

    /// The length of the key of `sym`, whose range is `r`.
    @inline(__always)
    private func keyLength(_ sym: Int, _ r: UInt64) -> Int {
        let n = Int(r & 0xFF_FFFF)
        return n < SymbolTable.longKey ? n : longLengths[Int32(sym)]!
    }

}

/// Asks the kernel to back a large array with huge pages: random access into it then misses the TLB far less.
enum HugePages {
    /// An array of `count` all-zero values of a plain type, asked to live on huge pages before it is touched.
    static func zeroed<T>(_ type: T.Type, count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let raw = UnsafeMutableRawBufferPointer(buffer)
            let bytes = raw.count
            if bytes >= 4 << 20, let base = raw.baseAddress { wholeHugePages(base, bytes, 14 /* MADV_HUGEPAGE */) }
            if let base = raw.baseAddress { memset(base, 0, bytes) }
            initialized = count
        }
    }

    /// Gives `advice` to the whole 2 MiB pages within `bytes` from `base`.
    static func wholeHugePages(_ base: UnsafeMutableRawPointer, _ bytes: Int, _ advice: Int32) {
        let huge = 2 << 20
        let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
        let end = (Int(bitPattern: base) + bytes) & ~(huge - 1)
        if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, advice) }
    }

    /// Asks the kernel to move an array already filled onto huge pages now (MADV_COLLAPSE, Linux 6.1 and later):
    /// reading its elements in a random order (the rows of an answer, in name order) then misses the TLB far less.
    /// Where the kernel cannot, nothing changes; below 16 MiB (the shipped KB's arrays) it is not worth a system call.
    static func collapse<T>(_ array: inout [T]) { advise(&array, 25 /* MADV_COLLAPSE */, from: 16 << 20) }

    static func advise<T>(_ array: inout [T], _ advice: Int32 = 14 /* MADV_HUGEPAGE */, from minimum: Int = 4 << 20) {
        let bytes = array.count * MemoryLayout<T>.stride
        guard bytes >= minimum else { return }
        array.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            wholeHugePages(base, bytes, advice)
        }
    }
}
