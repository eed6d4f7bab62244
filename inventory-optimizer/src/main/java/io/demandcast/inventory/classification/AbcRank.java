package io.demandcast.inventory.classification;

import java.io.Serializable;

/**
 * One item's place in an exact ABC analysis ({@link AbcAnalysis#classify}).
 *
 * @param key the item's identifier
 * @param annualValue the item's annual value, in currency per year
 * @param rank 1 for the highest value; ties ordered by key
 * @param cumulativeShareBefore the share of total annual value held by the items ranked before this
 *     one, in [0, 1] (1 for every item when the total value is 0); the class is decided on it
 * @param abc the class
 */
public record AbcRank(
    String key, double annualValue, int rank, double cumulativeShareBefore, AbcClass abc)
    implements Serializable {}
