import Foundation

/// Name folding as the SPEC defines it: canonical decomposition, combining marks removed, lower case,
/// and every run of blanks, `-`, `'`, `’`, `_` and `.` made one space (trimmed at both ends).
public enum Folding {
    /// The folded form of a name.
    public static func fold(_ s: String) -> String {
        var s = s
        return s.withUTF8 { u -> String in
            if u.isEmpty { return "" }
            var known = true
            let folded = String(unsafeUninitializedCapacity: u.count * latinWidest) { out in
                guard let n = foldLatin(u, to: out.baseAddress!) else { known = false; return 0 }
                return n
            }
            return known ? folded : foldUnicode(String(decoding: u, as: UTF8.self))
        }
    }

    /// Appends the folded form of UTF-8 text made of ASCII and of the accented Latin letters that `latin` knows,
    /// byte by byte (no decomposition, no String); false, with part of it appended, when another character is met.
    static func foldLatin(_ u: UnsafeBufferPointer<UInt8>, into out: inout [UInt8]) -> Bool {
        let start = out.count
        let room = u.count * latinWidest
        out.append(contentsOf: repeatElement(0, count: room))
        let n = out.withUnsafeMutableBufferPointer { foldLatin(u, to: $0.baseAddress! + start) }
        out.removeLast(room - (n ?? 0))
        return n != nil
    }

    /// Writes the folded form of `u` (ASCII and the letters `latin` knows) at `out`, which has room for
    /// `u.count * latinWidest` bytes, and returns its length; nil when another character is met.
    @inline(__always)
    static func foldLatin(_ u: UnsafeBufferPointer<UInt8>, to out: UnsafeMutablePointer<UInt8>) -> Int? {
        let table = latinTable
        var n = 0
        var pendingSpace = false
        var i = 0
        while i < u.count {
            let b = u[i]
            if b < 0x80 {
                switch b {
                case 0x20, 0x09, 0x0A, 0x0D, 0x2D, 0x27, 0x5F, 0x2E:
                    pendingSpace = n > 0
                default:
                    if pendingSpace { out[n] = 0x20; n += 1; pendingSpace = false }
                    out[n] = b &- 0x41 < 26 ? b | 0x20 : b
                    n += 1
                }
                i += 1
                continue
            }
            // A two-byte sequence for U+0080 ... U+07FF; only those in the table are folded here.
            guard b & 0xE0 == 0xC0, i + 1 < u.count, u[i + 1] & 0xC0 == 0x80 else { return nil }
            // A combining mark after it would change its decomposition: left to `foldUnicode`.
            if i + 2 < u.count, u[i + 2] == 0xCC || u[i + 2] == 0xCD { return nil }
            let letter = (Int(b & 0x1F) << 6 | Int(u[i + 1] & 0x3F)) &- latinStart
            guard letter >= 0, letter < latin.count else { return nil }
            let entry = table[letter]
            let length = Int(entry & 0xFF)
            if length == 0 { return nil }
            if pendingSpace { out[n] = 0x20; n += 1; pendingSpace = false }
            var bytes = entry >> 8
            for _ in 0..<length { out[n] = UInt8(truncatingIfNeeded: bytes); bytes >>= 8; n += 1 }
            i += 2
        }
        return n
    }

    static let latinStart = 0xC0
    /// For U+00C0 ... U+024F (accented Latin letters), the folded form of the letter alone, as `foldUnicode` gives
    /// it; nil where that is empty or holds a blank.
    static let latin: [[UInt8]?] = (latinStart..<0x250).map { v in
        guard let scalar = Unicode.Scalar(v) else { return nil }
        let f = Array(foldUnicode(String(Character(scalar))).utf8)
        return f.isEmpty || f.contains(0x20) || f.count > 7 ? nil : f
    }
    /// `latin` packed for the loop: the length in the low byte (0: nil), the bytes above it, first byte lowest.
    static let latinTable: [UInt64] = latin.map { f in
        guard let f else { return 0 }
        return f.reversed().reduce(0) { $0 << 8 | UInt64($1) } << 8 | UInt64(f.count)
    }
    /// The most bytes a letter of `latin` folds to (at least one, for ASCII).
    static let latinWidest = latin.reduce(1) { max($0, $1?.count ?? 0) }

    /// The folded form by the SPEC's rule itself: canonical decomposition (Foundation), marks removed, lower case.
    static func foldUnicode(_ s: String) -> String {
        let decomposed = s.decomposedStringWithCanonicalMapping
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in decomposed.unicodeScalars {
            let p = scalar.properties
            switch p.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: break
            }
            if isSeparator(scalar) {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(" "); pendingSpace = false }
            if p.changesWhenLowercased {
                for l in p.lowercaseMapping.unicodeScalars { out.append(l) }
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    @inline(__always)
    static func isSeparator(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x20, 0x09, 0x0A, 0x0D, 0x2D, 0x27, 0x2019, 0x5F, 0x2E, 0xA0, 0x202F: return true
        default: return false
        }
    }

    /// The key ids are compared by: lower case, nothing else.
    public static func idKey(_ s: String) -> String {
        var allASCII = true
        for b in s.utf8 where b >= 0x80 { allASCII = false; break }
        if allASCII {
            var hasUpper = false
            for b in s.utf8 where b >= 0x41 && b <= 0x5A { hasUpper = true; break }
            if !hasUpper { return s }
            return String(decoding: s.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
        }
        return s.lowercased()
    }
}

/// Edit distance for "did you mean" suggestions.
public enum Similarity {
    /// Levenshtein distance between two strings, by characters, giving up past `limit`. With a limit, only the
    /// band of cells within `limit` of the diagonal is computed (Ukkonen): time O(length × limit), so two near
    /// copies of a 300 KB id compare in milliseconds.
    public static func distance(_ a: String, _ b: String, limit: Int = .max) -> Int {
        let x = Array(a.unicodeScalars), y = Array(b.unicodeScalars)
        if abs(x.count - y.count) > limit { return limit + 1 }
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        let k = min(limit, max(x.count, y.count))
        let big = Int.max / 2
        var prev = [Int](repeating: big, count: y.count + 1)
        var cur = [Int](repeating: big, count: y.count + 1)
        for j in 0...min(y.count, k) { prev[j] = j }
        for i in 1...x.count {
            let lo = max(1, i - k), hi = min(y.count, i + k)
            if lo > hi { return limit + 1 }
            cur[lo - 1] = lo - 1 == 0 && i <= k ? i : big
            var rowMin = cur[lo - 1]
            for j in lo...hi {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
                rowMin = min(rowMin, cur[j])
            }
            if hi < y.count { cur[hi + 1] = big }
            if rowMin > limit { return limit + 1 }
            swap(&prev, &cur)
        }
        return prev[y.count] > limit ? limit + 1 : prev[y.count]
    }

    /// Up to `count` candidates close to `word`, closest first.
    public static func closest(to word: String, among candidates: [String], count: Int = 3) -> [String] {
        let w = word.lowercased()
        let limit = max(1, min(3, w.count / 3 + 1))
        var scored: [(Int, String)] = []
        for c in candidates {
            let d = distance(w, c.lowercased(), limit: limit)
            if d <= limit { scored.append((d, c)) }
            else if w.count >= 3 && c.lowercased().hasPrefix(w) { scored.append((limit, c)) }
        }
        scored.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var seen = Set<String>()
        var out: [String] = []
        for (_, c) in scored where !seen.contains(c) {
            seen.insert(c); out.append(c)
            if out.count == count { break }
        }
        return out
    }
}
