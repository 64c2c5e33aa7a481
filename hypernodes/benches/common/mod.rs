//! The graphs both zero-cost benches run, and their hand-written equivalents.
//!
//! Each shape comes twice: in `real`, every node does real work (`mix`, 32 dependent rounds
//! of multiply/xorshift, tens of nanoseconds); in `trivial`, one addition (`bump`), the
//! worst case for any per-node overhead.

/// Real work for one node: 32 dependent rounds of a multiply/xorshift mix.
#[inline]
pub fn mix(mut h: u64, k: u64) -> u64 {
    for i in 0..32 {
        h ^= h >> 29;
        h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9 ^ (k << 1));
        h = h.rotate_left(17).wrapping_add(i);
    }
    h
}

/// Trivial work for one node: one addition.
#[inline]
pub fn bump(x: u64, k: u64) -> u64 {
    x.wrapping_add(k)
}

/// Nodes of one parameter: `name(param) -> "output" = k;` computes `work(param, k)`.
macro_rules! unary_nodes {
    ($work:ident; $($name:ident($param:ident) -> $out:tt = $k:expr;)*) => {$(
        #[hypernodes::node(output_name = $out)]
        pub fn $name($param: u64) -> u64 {
            $work($param, $k)
        }
    )*};
}

/// The three graphs, with `$work` as every node's work, and their hand-written equivalents.
///
/// `$work` is written into every node and `$label` into every graph: the library names a
/// node's or graph's hidden callback macro by hashing its tokens and call site, and the call
/// site of code expanded from this macro is the same for both suites.
macro_rules! suite {
    ($module:ident, $work:ident, $label:literal) => {
        #[doc = $label]
        pub mod $module {
            use super::$work;
            use hypernodes::{graph, node};

            // chain10: x → s1 → … → s10.
            unary_nodes! { $work;
                c0(x) -> "s1" = 1;
                c1(s1) -> "s2" = 2;
                c2(s2) -> "s3" = 3;
                c3(s3) -> "s4" = 4;
                c4(s4) -> "s5" = 5;
                c5(s5) -> "s6" = 6;
                c6(s6) -> "s7" = 7;
                c7(s7) -> "s8" = 8;
                c8(s8) -> "s9" = 9;
                c9(s9) -> "s10" = 10;
            }
            graph!(#[doc = concat!("Ten nodes in a chain; ", $label)]
            pub struct Chain = [c0, c1, c2, c3, c4, c5, c6, c7, c8, c9]);

            pub fn chain_by_hand(x: u64) -> ChainOutputs {
                let s1 = c0(x);
                let s2 = c1(s1);
                let s3 = c2(s2);
                let s4 = c3(s3);
                let s5 = c4(s4);
                let s6 = c5(s5);
                let s7 = c6(s6);
                let s8 = c7(s7);
                let s9 = c8(s8);
                let s10 = c9(s9);
                ChainOutputs { s1, s2, s3, s4, s5, s6, s7, s8, s9, s10 }
            }

            // diamond: x → a, a → b, a → c, (b, c) → d.
            unary_nodes! { $work;
                da(x) -> "a" = 11;
                db(a) -> "b" = 12;
                dc(a) -> "c" = 13;
            }
            #[node(output_name = "d")]
            pub fn dd(b: u64, c: u64) -> u64 {
                $work(b ^ c.rotate_left(1), 14)
            }
            graph!(#[doc = concat!("A diamond; ", $label)]
            pub struct Diamond = [da, db, dc, dd]);

            pub fn diamond_by_hand(x: u64) -> DiamondOutputs {
                let a = da(x);
                let b = db(a);
                let c = dc(a);
                let d = dd(b, c);
                DiamondOutputs { a, b, c, d }
            }

            // fanin50: x → f0 … f49 (independent), (f0, …, f49) → total.
            unary_nodes! { $work;
                p0(x) -> "f0" = 20; p1(x) -> "f1" = 21; p2(x) -> "f2" = 22;
                p3(x) -> "f3" = 23; p4(x) -> "f4" = 24; p5(x) -> "f5" = 25;
                p6(x) -> "f6" = 26; p7(x) -> "f7" = 27; p8(x) -> "f8" = 28;
                p9(x) -> "f9" = 29; p10(x) -> "f10" = 30; p11(x) -> "f11" = 31;
                p12(x) -> "f12" = 32; p13(x) -> "f13" = 33; p14(x) -> "f14" = 34;
                p15(x) -> "f15" = 35; p16(x) -> "f16" = 36; p17(x) -> "f17" = 37;
                p18(x) -> "f18" = 38; p19(x) -> "f19" = 39; p20(x) -> "f20" = 40;
                p21(x) -> "f21" = 41; p22(x) -> "f22" = 42; p23(x) -> "f23" = 43;
                p24(x) -> "f24" = 44; p25(x) -> "f25" = 45; p26(x) -> "f26" = 46;
                p27(x) -> "f27" = 47; p28(x) -> "f28" = 48; p29(x) -> "f29" = 49;
                p30(x) -> "f30" = 50; p31(x) -> "f31" = 51; p32(x) -> "f32" = 52;
                p33(x) -> "f33" = 53; p34(x) -> "f34" = 54; p35(x) -> "f35" = 55;
                p36(x) -> "f36" = 56; p37(x) -> "f37" = 57; p38(x) -> "f38" = 58;
                p39(x) -> "f39" = 59; p40(x) -> "f40" = 60; p41(x) -> "f41" = 61;
                p42(x) -> "f42" = 62; p43(x) -> "f43" = 63; p44(x) -> "f44" = 64;
                p45(x) -> "f45" = 65; p46(x) -> "f46" = 66; p47(x) -> "f47" = 67;
                p48(x) -> "f48" = 68; p49(x) -> "f49" = 69;
            }

            #[node(output_name = "total")]
            #[allow(clippy::too_many_arguments)]
            #[rustfmt::skip]
            pub fn combine(
                f0: u64, f1: u64, f2: u64, f3: u64, f4: u64, f5: u64, f6: u64, f7: u64,
                f8: u64, f9: u64, f10: u64, f11: u64, f12: u64, f13: u64, f14: u64,
                f15: u64, f16: u64, f17: u64, f18: u64, f19: u64, f20: u64, f21: u64,
                f22: u64, f23: u64, f24: u64, f25: u64, f26: u64, f27: u64, f28: u64,
                f29: u64, f30: u64, f31: u64, f32: u64, f33: u64, f34: u64, f35: u64,
                f36: u64, f37: u64, f38: u64, f39: u64, f40: u64, f41: u64, f42: u64,
                f43: u64, f44: u64, f45: u64, f46: u64, f47: u64, f48: u64, f49: u64,
            ) -> u64 {
                let all = [
                    f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16,
                    f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31,
                    f32, f33, f34, f35, f36, f37, f38, f39, f40, f41, f42, f43, f44, f45, f46,
                    f47, f48, f49,
                ];
                let folded = all.iter().fold(0u64, |h, &f| h.rotate_left(5) ^ f);
                $work(folded, 70)
            }

            graph!(#[doc = concat!("Fifty nodes fanning in to one; ", $label)]
            pub struct FanIn = [
                p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10, p11, p12, p13, p14, p15, p16,
                p17, p18, p19, p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p30, p31,
                p32, p33, p34, p35, p36, p37, p38, p39, p40, p41, p42, p43, p44, p45, p46,
                p47, p48, p49, combine
            ]);

            #[rustfmt::skip]
            pub fn fanin_by_hand(x: u64) -> FanInOutputs {
                let f0 = p0(x); let f1 = p1(x); let f2 = p2(x); let f3 = p3(x);
                let f4 = p4(x); let f5 = p5(x); let f6 = p6(x); let f7 = p7(x);
                let f8 = p8(x); let f9 = p9(x); let f10 = p10(x); let f11 = p11(x);
                let f12 = p12(x); let f13 = p13(x); let f14 = p14(x); let f15 = p15(x);
                let f16 = p16(x); let f17 = p17(x); let f18 = p18(x); let f19 = p19(x);
                let f20 = p20(x); let f21 = p21(x); let f22 = p22(x); let f23 = p23(x);
                let f24 = p24(x); let f25 = p25(x); let f26 = p26(x); let f27 = p27(x);
                let f28 = p28(x); let f29 = p29(x); let f30 = p30(x); let f31 = p31(x);
                let f32 = p32(x); let f33 = p33(x); let f34 = p34(x); let f35 = p35(x);
                let f36 = p36(x); let f37 = p37(x); let f38 = p38(x); let f39 = p39(x);
                let f40 = p40(x); let f41 = p41(x); let f42 = p42(x); let f43 = p43(x);
                let f44 = p44(x); let f45 = p45(x); let f46 = p46(x); let f47 = p47(x);
                let f48 = p48(x); let f49 = p49(x);
                let total = combine(
                    f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16,
                    f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31,
                    f32, f33, f34, f35, f36, f37, f38, f39, f40, f41, f42, f43, f44, f45, f46,
                    f47, f48, f49,
                );
                FanInOutputs {
                    f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11, f12, f13, f14, f15, f16,
                    f17, f18, f19, f20, f21, f22, f23, f24, f25, f26, f27, f28, f29, f30, f31,
                    f32, f33, f34, f35, f36, f37, f38, f39, f40, f41, f42, f43, f44, f45, f46,
                    f47, f48, f49, total,
                }
            }
        }
    };
}

suite!(real, mix, "real work per node (`mix`).");
suite!(trivial, bump, "trivial nodes (`bump`, one addition).");

/// The input every run gets (through `black_box`).
pub const X: u64 = 0x0123_4567_89ab_cdef;

/// Calls `$m!("group" => module::{Graph, GraphInputs, by_hand_fn}.output_to_check)` for
/// every case, in report order. `real` and `trivial` must be in scope where it expands.
macro_rules! for_each_case {
    ($m:ident) => {
        $m!("chain10" => real::{Chain, ChainInputs, chain_by_hand}.s10);
        $m!("diamond" => real::{Diamond, DiamondInputs, diamond_by_hand}.d);
        $m!("fanin50" => real::{FanIn, FanInInputs, fanin_by_hand}.total);
        $m!("trivial_chain10" => trivial::{Chain, ChainInputs, chain_by_hand}.s10);
        $m!("trivial_diamond" => trivial::{Diamond, DiamondInputs, diamond_by_hand}.d);
        $m!("trivial_fanin50" => trivial::{FanIn, FanInInputs, fanin_by_hand}.total);
    };
}
pub(crate) use for_each_case;

/// Defines, in the current block, `runner` and `by_hand`: `#[inline(never)]` functions from
/// the input to the graph's outputs, so that each variant is one opaque call from the
/// measuring loop. Otherwise whether LLVM happens to inline one variant (and not the other)
/// into the loop, letting consecutive iterations overlap, swings the ratio by ±15% from one
/// build to the next. Also checks that both give the same result.
macro_rules! define_variants {
    ($group:literal => $module:ident::{$graph:ident, $inputs:ident, $by_hand:ident}.$check:ident) => {
        #[inline(never)]
        fn runner(x: u64) -> <$module::$graph as hypernodes::Graph>::Outputs {
            hypernodes::Runner::new()
                .run(&$module::$graph, $module::$inputs { x })
                .unwrap()
        }
        #[inline(never)]
        fn by_hand(x: u64) -> <$module::$graph as hypernodes::Graph>::Outputs {
            $module::$by_hand(x)
        }
        assert_eq!(
            runner($crate::common::X).$check,
            by_hand($crate::common::X).$check,
            "{}: the runner and the hand-written calls disagree",
            $group
        );
    };
}
pub(crate) use define_variants;
