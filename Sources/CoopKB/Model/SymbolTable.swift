#if canImport(Glibc)
import Glibc
#endif

/// Ids interned straight from byte ranges, compared without regard to case (or as written, for words).
/// Each symbol may be defined by one element; a symbol can also be named before it is defined.
struct SymbolTable {
    /// Open addressing: (hash << 32) | (symbol + 1), or 0 when empty; the hash rejects most mismatches
    /// without touching the keys.
    private var slots: [UInt64] = []
    private var mask = 0
    /// Keys, one after another, folded when `foldCase`.
    private(set) var keyBytes: [UInt8] = []
    /// (start << 24) | length of each symbol's key in `keyBytes`.
    private var keyRange: [UInt64] = []
    /// The element each symbol names, once defined.
    var definition: [ElementRef?] = []
    /// Whether keys are compared without regard to case (ids) or as written (words).
    let foldCase: Bool

    init(capacity: Int = 1024, foldCase: Bool = true) {
        self.foldCase = foldCase
        var cap = 16
        while cap < capacity * 2 { cap <<= 1 }
        slots = [UInt64](repeating: 0, count: cap)
        mask = cap - 1
        HugePages.advise(&slots)
    }

    var count: Int { keyRange.count }

    @inline(__always)
    static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    @inline(__always)
    func fold(_ b: UInt8) -> UInt8 { foldCase && b &- 0x41 < 26 ? b | 0x20 : b }

    @inline(__always)
    func hash(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> UInt32 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = start
        while i < end { h = (h ^ UInt64(fold(p[i]))) &* 0x100_0000_01b3; i += 1 }
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        h ^= h >> 32
        return UInt32(truncatingIfNeeded: h) | 1
    }

    @inline(__always)
    private func find(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ h: UInt32, folded: Bool) -> (slot: Int, symbol: Int32?) {
        let len = end - start
        var i = Int(h) & mask
        while true {
            let s = slots[i]
            if s == 0 { return (i, nil) }
            if UInt32(truncatingIfNeeded: s >> 32) == h {
                let sym = Int(UInt32(truncatingIfNeeded: s)) - 1
                let r = keyRange[sym]
                if Int(r & 0xFF_FFFF) == len {
                    let ks = Int(r >> 24)
                    var same = true
                    keyBytes.withUnsafeBufferPointer { kb in
                        var j = 0
                        while j < len {
                            let b = folded ? p[start + j] : fold(p[start + j])
                            if kb[ks + j] != b { same = false; break }
                            j += 1
                        }
                    }
                    if same { return (i, Int32(sym)) }
                }
            }
            i = (i + 1) & mask
        }
    }

    /// The symbol of the id in `p[start..<end]` (ASCII case folded), added when new.
    mutating func intern(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int32 {
        let h = hash(p, start, end)
        let (slot, found) = find(p, start, end, h, folded: false)
        if let found { return found }
        let sym = Int32(keyRange.count)
        keyRange.append(UInt64(keyBytes.count) << 24 | UInt64(end - start))
        definition.append(nil)
        var j = start
        while j < end { keyBytes.append(fold(p[j])); j += 1 }
        slots[slot] = UInt64(h) << 32 | UInt64(sym + 1)
        if keyRange.count * 2 > slots.count { grow() }
        return sym
    }

    /// The key of a symbol, as stored (folded for ids).
    func key(of sym: Int32) -> ArraySlice<UInt8> {
        let r = keyRange[Int(sym)]
        let start = Int(r >> 24)
        return keyBytes[start..<(start + Int(r & 0xFF_FFFF))]
    }

    /// The symbol of an id given as a string, added when new.
    mutating func intern(_ id: String) -> Int32 {
        let key = self.key(id)
        return key.withUnsafeBufferPointer { intern($0, 0, $0.count) }
    }

    /// The symbol of the id in `p[start..<end]` (ASCII), when it is known; never adds.
    func lookup(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int32? {
        find(p, start, end, hash(p, start, end), folded: false).symbol
    }

    /// Looks up many ASCII ids at once: id `i` is `length(i)` bytes at `start(i)` in `bytes(i)`; writes its symbol,
    /// or -1, to `result[i]`. Lookups go in batches, phase by phase, so that the memory accesses of a batch
    /// overlap instead of waiting for one another.
    @inline(__always)
    func lookup(count n: Int, bytes: (Int) -> UnsafeBufferPointer<UInt8>, start: (Int) -> Int, length: (Int) -> Int,
                result: UnsafeMutableBufferPointer<Int32>) {
        let batch = 16
        var hashes = [UInt32](repeating: 0, count: batch)
        var first = [UInt64](repeating: 0, count: batch)
        var ranges = [UInt64](repeating: 0, count: batch)
        slots.withUnsafeBufferPointer { slots in
        keyRange.withUnsafeBufferPointer { keyRange in
        keyBytes.withUnsafeBufferPointer { keys in
            var lo = 0
            while lo < n {
                let hi = min(n, lo + batch)
                // Phase 1: hashes, and the first slot of each (independent loads).
                for i in lo..<hi {
                    let p = bytes(i), s = start(i)
                    let h = hash(p, s, s + length(i))
                    hashes[i - lo] = h
                    first[i - lo] = slots[Int(h) & mask]
                }
                // Phase 2: the key range of the first slot's symbol when its hash matches.
                for k in 0..<(hi - lo) {
                    let v = first[k]
                    if v != 0 && UInt32(truncatingIfNeeded: v >> 32) == hashes[k] {
                        ranges[k] = keyRange[Int(UInt32(truncatingIfNeeded: v)) - 1]
                    }
                }
                // Phase 3: compare keys, probing further only on a collision.
                for k in 0..<(hi - lo) {
                    let i = lo + k
                    let p = bytes(i), s = start(i), len = length(i), h = hashes[k]
                    var slot = Int(h) & mask
                    var v = first[k]
                    var found: Int32 = -1
                    var firstProbe = true
                    while v != 0 {
                        if UInt32(truncatingIfNeeded: v >> 32) == h {
                            let sym = Int(UInt32(truncatingIfNeeded: v)) - 1
                            let r = firstProbe ? ranges[k] : keyRange[sym]
                            if Int(r & 0xFF_FFFF) == len {
                                let ks = Int(r >> 24)
                                var j = 0
                                while j < len && keys[ks + j] == fold(p[s + j]) { j += 1 }
                                if j == len { found = Int32(sym); break }
                            }
                        }
                        firstProbe = false
                        slot = (slot + 1) & mask
                        v = slots[slot]
                    }
                    result[i] = found
                }
                lo = hi
            }
        }
        }
        }
    }

    /// The symbol of an id, when some element or reference has named it.
    func lookup(_ id: String) -> Int32? {
        let key = self.key(id)
        return key.withUnsafeBufferPointer { p -> Int32? in
            find(p, 0, p.count, hash(p, 0, p.count), folded: true).symbol
        }
    }

    /// The bytes an id is compared by: lower case (any script) for ids, as written for words.
    func key(_ id: String) -> [UInt8] {
        if !foldCase { return Array(id.utf8) }
        var ascii = true
        for b in id.utf8 where b >= 0x80 { ascii = false; break }
        return ascii ? id.utf8.map(SymbolTable.lower) : Array(id.lowercased().utf8)
    }

    private mutating func grow() {
        let cap = slots.count * 2
        var fresh = [UInt64](repeating: 0, count: cap)
        HugePages.advise(&fresh)
        let m = cap - 1
        for s in slots where s != 0 {
            var i = Int(UInt32(truncatingIfNeeded: s >> 32)) & m
            while fresh[i] != 0 { i = (i + 1) & m }
            fresh[i] = s
        }
        slots = fresh
        mask = m
    }
}

/// Asks the kernel to back a large array with huge pages: random access into it then misses the TLB far less.
enum HugePages {
    static func advise<T>(_ array: inout [T]) {
        let bytes = array.count * MemoryLayout<T>.stride
        guard bytes >= 4 << 20 else { return }
        array.withUnsafeMutableBytes { raw in
            guard let base = raw.baseAddress else { return }
            let huge = 2 << 20
            let start = (Int(bitPattern: base) + huge - 1) & ~(huge - 1)
            let end = (Int(bitPattern: base) + bytes) & ~(huge - 1)
            if end > start { _ = madvise(UnsafeMutableRawPointer(bitPattern: start), end - start, 14 /* MADV_HUGEPAGE */) }
        }
    }
}
