/// The one UTF-8 decoder of coopkb, for KB files (Loader/KBBuilder.swift) and query text (Query/Lexer.swift),
/// with one rule: a scalar is 1 to 4 bytes in its shortest form, not a surrogate (U+D800–U+DFFF), at most U+10FFFF.
enum UTF8Decoder {
    /// The scalar value starting at `i` (before `end`) and its length in bytes; nil and 1 for a byte that starts
    /// no valid scalar: a stray continuation byte, a sequence cut short, an overlong form, a surrogate, a value
    /// past U+10FFFF.
    @inline(__always)
    static func decode(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (value: UInt32?, length: Int) {
        let b = p[i]
        if b < 0x80 { return (UInt32(b), 1) }
        var need = 0
        var cp: UInt32 = 0
        var minimum: UInt32 = 0
        if b & 0xE0 == 0xC0 { need = 1; cp = UInt32(b & 0x1F); minimum = 0x80 }
        else if b & 0xF0 == 0xE0 { need = 2; cp = UInt32(b & 0x0F); minimum = 0x800 }
        else if b & 0xF8 == 0xF0 { need = 3; cp = UInt32(b & 0x07); minimum = 0x10000 }
        else { return (nil, 1) }
        if i + need >= end { return (nil, 1) }
        for k in 1...need {
            let c = p[i + k]
            if c & 0xC0 != 0x80 { return (nil, 1) }
            cp = cp << 6 | UInt32(c & 0x3F)
        }
        if cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) { return (nil, 1) }
        return (cp, need + 1)
    }

    /// The offset of the first byte from `start` to `end` that starts no valid scalar, or nil when all is UTF-8.
    static func firstInvalid(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
        var i = start
        while i < end {
            if p[i] < 0x80 { i += 1; continue }
            let (value, length) = decode(p, i, end)
            if value == nil { return i }
            i += length
        }
        return nil
    }

    /// Whether the bytes are UTF-8 by this rule.
    static func isValid(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { firstInvalid($0, 0, $0.count) == nil }
    }
}
