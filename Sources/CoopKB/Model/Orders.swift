import Foundation

/// Texts packed into one byte buffer: text `i` is `bytes[offsets[i] ..< offsets[i + 1]]`.
struct PackedTexts: Sendable {
    var bytes: [UInt8] = []
    var offsets: [Int] = [0]

    var count: Int { offsets.count - 1 }

    mutating func append<C: Collection>(_ utf8: C) where C.Element == UInt8 {
        bytes.append(contentsOf: utf8)
        offsets.append(bytes.count)
    }

    /// -1, 0 or 1: the byte order of text `i` against text `j`, from byte `from` on.
    @inline(__always)
    func compare(_ i: Int, _ j: Int, from: Int = 0) -> Int {
        bytes.withUnsafeBufferPointer { p in
            let a = offsets[i], al = offsets[i + 1] - a, b = offsets[j], bl = offsets[j + 1] - b
            let base = p.baseAddress ?? PackedTexts.nowhere
            return PackedTexts.compare(base + a, al, base + b, bl, from: from)
        }
    }

    /// A valid address for empty buffers.
    static let nowhere = UnsafePointer(UnsafeMutablePointer<UInt8>.allocate(capacity: 1))

    @inline(__always)
    static func compare(_ a: UnsafePointer<UInt8>, _ al: Int, _ b: UnsafePointer<UInt8>, _ bl: Int, from: Int = 0) -> Int {
        let n = min(al, bl)
        if n > from {
            let c = memcmp(a + from, b + from, n - from)
            if c != 0 { return c < 0 ? -1 : 1 }
        }
        return al == bl ? 0 : (al < bl ? -1 : 1)
    }

    /// The first eight bytes of text `i`, big-endian, zero-padded: their order is the texts' order or a tie.
    @inline(__always)
    func prefixKey(_ i: Int, at from: Int = 0) -> UInt64 {
        let a = offsets[i] + from, n = min(8, offsets[i + 1] - a)
        var k: UInt64 = 0
        for j in 0..<8 { k = k << 8 | (j < n ? UInt64(bytes[a + j]) : 0) }
        return k
    }

    /// Every folded name, as `Folding.fold` makes it; names of ASCII and of the accented Latin letters that
    /// `Folding.latin` knows are folded in place, without making a String.
    static func folded<S: Sequence>(_ names: S) -> PackedTexts where S.Element == String {
        var t = PackedTexts()
        for var name in names {
            let start = t.bytes.count
            if !name.withUTF8({ Folding.foldLatin($0, into: &t.bytes) }) {
                t.bytes.removeLast(t.bytes.count - start)
                t.bytes.append(contentsOf: Folding.fold(name).utf8)
            }
            t.offsets.append(t.bytes.count)
        }
        return t
    }

    /// The indexes 0 ..< count in byte order of the texts, ties (equal texts) broken by `tie`: a radix sort on
    /// the first eight bytes, then each run of equal prefixes sorted by the rest.
    func order(tie: (Int32, Int32) -> Bool) -> [Int32] {
        let n = count
        var keys = [UInt64](unsafeUninitializedCapacity: n) { b, c in for i in 0..<n { b[i] = prefixKey(i) }; c = n }
        var index = [Int32](unsafeUninitializedCapacity: n) { b, c in for i in 0..<n { b[i] = Int32(i) }; c = n }
        RadixSort.sort(&keys, &index)
        var start = 0
        while start < n {
            var end = start + 1
            while end < n && keys[end] == keys[start] { end += 1 }
            if end - start > 1 {
                // Equal first eight bytes: by the next eight as an integer, then by the rest, then by `tie`.
                var run = index[start..<end].map { (prefixKey(Int($0), at: 8), $0) }
                run.sort { x, y in
                    if x.0 != y.0 { return x.0 < y.0 }
                    let c = compare(Int(x.1), Int(y.1), from: 16)
                    return c != 0 ? c < 0 : tie(x.1, y.1)
                }
                for (k, e) in run.enumerated() { index[start + k] = e.1 }
            }
            start = end
        }
        return index
    }
}

/// A least-significant-digit radix sort of 64-bit keys carrying 32-bit values, sixteen bits a pass; a pass where
/// every key has the same digit is skipped.
enum RadixSort {
    static func sort(_ keys: inout [UInt64], _ values: inout [Int32]) {
        let n = keys.count
        if n < 2 { return }
        var k2 = [UInt64](repeating: 0, count: n)
        var v2 = [Int32](repeating: 0, count: n)
        var counts = [Int](repeating: 0, count: 1 << 16)
        for pass in 0..<4 {
            let shift = UInt64(pass * 16)
            for i in 0..<counts.count { counts[i] = 0 }
            keys.withUnsafeBufferPointer { k in
                for i in 0..<n { counts[Int((k[i] >> shift) & 0xFFFF)] += 1 }
            }
            if counts[Int((keys[0] >> shift) & 0xFFFF)] == n { continue }
            var sum = 0
            for i in 0..<counts.count { let c = counts[i]; counts[i] = sum; sum += c }
            keys.withUnsafeBufferPointer { k in
                values.withUnsafeBufferPointer { v in
                    k2.withUnsafeMutableBufferPointer { ko in
                        v2.withUnsafeMutableBufferPointer { vo in
                            counts.withUnsafeMutableBufferPointer { c in
                                for i in 0..<n {
                                    let d = Int((k[i] >> shift) & 0xFFFF)
                                    let at = c[d]
                                    c[d] = at + 1
                                    ko[at] = k[i]
                                    vo[at] = v[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &k2)
            swap(&values, &v2)
        }
    }
}

/// The orders of authorities that queries sort by, made once while loading.
struct AuthorityOrders: Sendable {
    /// Each authority's folded name, for the default order and for finding authorities by name.
    var folded = PackedTexts()
    /// Authorities by folded name, then id in byte order.
    var byName: [Int32] = []
    /// Each authority's place in `byName`.
    var nameRank: [Int32] = []
    /// Each authority's place in byte order of ids.
    var idRank: [Int32] = []

    init() {}

    /// The name order (folded names, `byName`, `nameRank`) of the authorities; equal names by `idRank`.
    mutating func makeNameOrder(_ authorities: [Authority], idRank: [Int32]) {
        // Each name read in place (a map over the records would copy each one, retaining all its texts).
        folded = authorities.withUnsafeBufferPointer { a in PackedTexts.folded(a.indices.lazy.map { a[$0].name }) }
        byName = idRank.withUnsafeBufferPointer { ids in folded.order { x, y in ids[Int(x)] < ids[Int(y)] } }
        nameRank = AuthorityOrders.ranks(byName)
    }

    /// The id order (`idRank`) of the authorities.
    mutating func makeIdOrder(_ authorities: [Authority]) {
        var t = PackedTexts()
        t.bytes.reserveCapacity(authorities.count * 8)
        t.offsets.reserveCapacity(authorities.count + 1)
        authorities.withUnsafeBufferPointer { a in for i in a.indices { t.append(a[i].id.utf8) } }
        idRank = AuthorityOrders.ranks(t.order { _, _ in false })
    }

    static func ranks(_ order: [Int32]) -> [Int32] {
        var rank = [Int32](repeating: 0, count: order.count)
        for (r, i) in order.enumerated() { rank[Int(i)] = Int32(r) }
        return rank
    }

    /// The authorities whose folded name is `key`, in name order.
    func authorities(foldedName key: String) -> ArraySlice<Int32> {
        var key = key
        return key.withUTF8 { k in
            folded.bytes.withUnsafeBufferPointer { p in
                let base = p.baseAddress ?? PackedTexts.nowhere
                let kp = k.baseAddress ?? PackedTexts.nowhere
                func cmp(_ i: Int32) -> Int {
                    let a = folded.offsets[Int(i)], al = folded.offsets[Int(i) + 1] - a
                    return PackedTexts.compare(base + a, al, kp, k.count)
                }
                var lo = 0, hi = byName.count
                while lo < hi { let m = (lo + hi) / 2; if cmp(byName[m]) < 0 { lo = m + 1 } else { hi = m } }
                var end = lo
                while end < byName.count && cmp(byName[end]) == 0 { end += 1 }
                return byName[lo..<end]
            }
        }
    }
}
